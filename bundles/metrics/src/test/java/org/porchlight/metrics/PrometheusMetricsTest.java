package org.porchlight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.metrics.GaugeReading;
import org.porchlight.api.metrics.GaugeSource;

class PrometheusMetricsTest {

    private final PrometheusMetrics metrics = new PrometheusMetrics(config(3));

    @AfterEach
    void close() {
        metrics.deactivate();
    }

    @Test
    void countersAndTimersAppearInThePrometheusTextFormat() {
        metrics.count("porchlight.audit.appends", "Entries appended", 3);
        metrics.count("porchlight.audit.appends", "Entries appended", 2);
        metrics.record(PrometheusMetrics.REQUESTS, "Requests", Duration.ofMillis(30), "method", "GET", "route", "/health",
                "status", "200");

        String text = metrics.scrape();

        assertThat(text).contains("# HELP porchlight_audit_appends_total Entries appended")
                .contains("porchlight_audit_appends_total 5.0")
                .contains("porchlight_http_requests_seconds_count{method=\"GET\",route=\"/health\",status=\"200\"} 1")
                .contains("porchlight_http_requests_seconds_bucket{method=\"GET\",route=\"/health\",status=\"200\",le=\"0.05\"} 1")
                .contains("porchlight_http_requests_seconds_bucket{method=\"GET\",route=\"/health\",status=\"200\",le=\"0.025\"} 0")
                .contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads").contains("process_uptime_seconds")
                .contains("jvm_classes_loaded_classes");
    }

    @Test
    void routesPastTheLimitAreNotRecorded() {
        for (int i = 0; i < 5; i++) {
            metrics.record(PrometheusMetrics.REQUESTS, "Requests", Duration.ofMillis(1), "route", "/r" + i);
        }
        String text = metrics.scrape();
        assertThat(text).contains("route=\"/r0\"").contains("route=\"/r2\"").doesNotContain("route=\"/r3\"");
    }

    @Test
    void malformedNamesAndTagsAreIgnoredNotThrown() {
        metrics.count("Porchlight Bad", "x", 1);
        metrics.count("porchlight.odd.tags", "x", 1, "key");
        metrics.count("porchlight.negative", "x", -1);
        assertThat(metrics.scrape()).doesNotContain("Bad").doesNotContain("odd_tags").doesNotContain("negative");
    }

    @Test
    void gaugesAreReadAtEachScrapeAndLeaveWithTheirSource() {
        AtomicReference<Double> backlog = new AtomicReference<>(4.0);
        GaugeSource source = () -> List.of(new GaugeReading("porchlight.outbox.backlog", "Waiting", Map.of("state", "pending"),
                backlog.get()));
        metrics.bindSource(source);
        assertThat(metrics.scrape()).contains("porchlight_outbox_backlog{state=\"pending\"} 4.0");
        backlog.set(7.0);
        assertThat(metrics.scrape()).contains("porchlight_outbox_backlog{state=\"pending\"} 7.0");
        metrics.unbindSource(source);
        assertThat(metrics.scrape()).doesNotContain("porchlight_outbox_backlog{");
    }

    @Test
    void aFailingGaugeSourceLeavesTheOthers() {
        metrics.bindSource(() -> {
            throw new IllegalStateException("database gone");
        });
        metrics.bindSource(() -> List.of(GaugeReading.of("porchlight.pool.active", "Active", 2)));
        assertThat(metrics.scrape()).contains("porchlight_pool_active 2.0");
    }

    static MetricsConfiguration config(int maxRoutes) {
        return new MetricsConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return MetricsConfiguration.class;
            }

            @Override
            public String scrapeTokenFile() {
                return "";
            }

            @Override
            public String scrapeTokenVariable() {
                return "";
            }

            @Override
            public int maxRoutes() {
                return maxRoutes;
            }
        };
    }
}
