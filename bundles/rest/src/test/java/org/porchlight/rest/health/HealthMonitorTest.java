package org.porchlight.rest.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.health.HealthCheck;

class HealthMonitorTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicLong clock = new AtomicLong();
    private HealthMonitor.RuntimeFacts facts = new HealthMonitor.RuntimeFacts(null, List.of(), List.of());

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    private HealthMonitor monitor(long cacheMillis) {
        return new HealthMonitor(executor, () -> facts, clock::get, cacheMillis, 300, List.of("database"));
    }

    @Test
    void allChecksUpIsUpWith200() {
        HealthReport report = monitor(0).report(List.of(check("database", true, HealthCheck.Result.up(Map.of()))));
        assertThat(report.status()).isEqualTo("UP");
        assertThat(report.httpStatus()).isEqualTo(200);
        assertThat(report.reason()).isNull();
        assertThat(report.checks()).containsKeys("database", "runtime");
    }

    @Test
    void aCriticalCheckDownIsDownWith503AndItsReason() {
        HealthReport report = monitor(0).report(List.of(check("database", true, HealthCheck.Result.down("connection refused"))));
        assertThat(report.status()).isEqualTo("DOWN");
        assertThat(report.httpStatus()).isEqualTo(503);
        assertThat(report.reason()).isEqualTo("database: connection refused");
    }

    @Test
    void aCriticalCheckStartingIsStartingWith503() {
        HealthReport report = monitor(0).report(List.of(check("database", true, HealthCheck.Result.starting("connecting"))));
        assertThat(report.status()).isEqualTo("STARTING");
        assertThat(report.httpStatus()).isEqualTo(503);
    }

    @Test
    void aNonCriticalCheckDownOrAFailedComponentDegradesButServes() {
        HealthReport report = monitor(0).report(List.of(
                check("database", true, HealthCheck.Result.up(Map.of())),
                check("watchkc", false, HealthCheck.Result.down("feed unreachable"))));
        assertThat(report.status()).isEqualTo("DEGRADED");
        assertThat(report.httpStatus()).isEqualTo(200);
        assertThat(report.reason()).contains("watchkc: feed unreachable");

        facts = new HealthMonitor.RuntimeFacts(null,
                List.of(Map.of("component", "org.example.Broken", "bundle", "org.example", "reason", "boom")), List.of());
        HealthReport withFailure = monitor(0).report(List.of(check("database", true, HealthCheck.Result.up(Map.of()))));
        assertThat(withFailure.status()).isEqualTo("DEGRADED");
        assertThat(withFailure.reason()).isEqualTo("org.example.Broken failed: boom");
        assertThat(withFailure.checks().get("runtime").status()).isEqualTo("DOWN");
    }

    @Test
    void aMissingRequiredCheckIsStartingWhileTheFrameworkStartsAndDownAfterwards() {
        facts = new HealthMonitor.RuntimeFacts("starting (start level 10 of 20)", List.of(), List.of());
        assertThat(monitor(0).report(List.of()).status()).isEqualTo("STARTING");

        facts = new HealthMonitor.RuntimeFacts(null, List.of(), List.of());
        HealthReport report = monitor(0).report(List.of());
        assertThat(report.status()).isEqualTo("DOWN");
        assertThat(report.reason()).isEqualTo("database: not available");
    }

    @Test
    void aCheckThatHangsCountsAsDownAfterTheTimeout() {
        HealthCheck hung = new HealthCheck() {
            @Override public String name() { return "database"; }
            @Override public boolean critical() { return true; }
            @Override public Result check() {
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Result.up(Map.of());
            }
        };
        long start = System.nanoTime();
        HealthReport report = monitor(0).report(List.of(hung));
        assertThat(report.reason()).isEqualTo("database: no answer in time");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void aReportIsReusedWithinTheCacheWindowOnly() {
        AtomicInteger calls = new AtomicInteger();
        HealthCheck counting = new HealthCheck() {
            @Override public String name() { return "database"; }
            @Override public Result check() {
                calls.incrementAndGet();
                return Result.up(Map.of());
            }
        };
        HealthMonitor monitor = monitor(1000);
        monitor.report(List.of(counting));
        clock.addAndGet(999_000_000L);
        monitor.report(List.of(counting));
        assertThat(calls).hasValue(1);
        clock.addAndGet(2_000_000L);
        monitor.report(List.of(counting));
        assertThat(calls).hasValue(2);
    }

    @Test
    void scrFailureTextIsReducedToTheInnermostMessage() {
        String failure = "java.lang.reflect.InvocationTargetException\n\tat x.y(Z.java:1)\n"
                + "Caused by: java.lang.IllegalStateException: no licence key configured\n\tat a.b(C.java:2)";
        assertThat(RuntimeState.firstLine(failure)).isEqualTo("no licence key configured");
        assertThat(RuntimeState.firstLine(null)).isEqualTo("unknown");
    }

    private static HealthCheck check(String name, boolean critical, HealthCheck.Result result) {
        return new HealthCheck() {
            @Override public String name() { return name; }
            @Override public boolean critical() { return critical; }
            @Override public Result check() { return result; }
        };
    }
}
