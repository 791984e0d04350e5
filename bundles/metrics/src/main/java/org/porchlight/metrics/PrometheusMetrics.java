package org.porchlight.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.metrics.GaugeReading;
import org.porchlight.api.metrics.GaugeSource;
import org.porchlight.api.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The server's metrics: a Micrometer registry in the Prometheus format with the JVM's figures,
 * the counters and timers bundles report through the SDK's {@link Metrics}, and the gauges of
 * every {@link GaugeSource}, read at each scrape.
 */
@Component(service = {Metrics.class, PrometheusMetrics.class}, configurationPid = MetricsConfiguration.PID)
@Designate(ocd = MetricsConfiguration.class)
public class PrometheusMetrics implements Metrics {

    /** The REST core's request timer and its route tag, whose distinct values are capped. */
    static final String REQUESTS = "porchlight.http.requests";
    static final String ROUTE_TAG = "route";
    /** Histogram buckets of every timer: from 5 ms (a cached read) to 10 s (an upload's end). */
    static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private static final Logger LOG = LoggerFactory.getLogger(PrometheusMetrics.class);

    private final List<GaugeSource> sources = new CopyOnWriteArrayList<>();

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;
    private final Map<String, MultiGauge> gauges = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    /** Timers by name and tags; a bound, since tags come from callers (the route tag is capped separately). */
    private static final int MAX_CACHED_TIMERS = 10_000;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

    @Activate
    public PrometheusMetrics(MetricsConfiguration config) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MeterFilter.maximumAllowableTags(REQUESTS, ROUTE_TAG, Math.max(1, config.maxRoutes()),
                MeterFilter.deny()));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        this.gc = new JvmGcMetrics();
        gc.bindTo(registry);
    }

    @Override
    public void count(String name, String description, long amount, String... tags) {
        if (amount < 0 || !wellFormed(name, tags)) {
            return;
        }
        Counter.builder(name).description(description).tags(tags).register(registry).increment(amount);
    }

    @Override
    public void record(String name, String description, Duration duration, String... tags) {
        if (duration == null || duration.isNegative()) {
            return;
        }
        // Found again by name and tags without building and sorting Micrometer's meter id: the REST core times every request.
        TimerKey key = new TimerKey(name, tags);
        Timer timer = timers.get(key);
        if (timer == null) {
            if (!wellFormed(name, tags)) {
                return;
            }
            timer = Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(BUCKETS).register(registry);
            if (timers.size() < MAX_CACHED_TIMERS) {
                timers.putIfAbsent(new TimerKey(name, tags.clone()), timer);
            }
        }
        timer.record(duration);
    }

    /** A timer's name and tags as a map key, the tags compared by value. */
    private record TimerKey(String name, String[] tags) {
        @Override
        public boolean equals(Object other) {
            return other instanceof TimerKey key && Objects.equals(name, key.name) && Arrays.equals(tags, key.tags);
        }

        @Override
        public int hashCode() {
            return 31 * Objects.hashCode(name) + Arrays.hashCode(tags);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(GaugeSource source) {
        sources.add(source);
    }

    void unbindSource(GaugeSource source) {
        sources.remove(source);
    }

    /** Every metric now, in the Prometheus text format 0.0.4, gauges read from their sources first. */
    public String scrape() {
        readGauges();
        return registry.scrape();
    }

    /** The content type of {@link #scrape()}. */
    public static String contentType() {
        return "text/plain; version=0.0.4; charset=utf-8";
    }

    private synchronized void readGauges() {
        Map<String, List<MultiGauge.Row<?>>> rows = new HashMap<>();
        for (String known : gauges.keySet()) {
            rows.put(known, new ArrayList<>()); // a figure whose source left is removed below
        }
        for (GaugeSource source : sources) {
            List<GaugeReading> readings;
            try {
                readings = source.read();
            } catch (RuntimeException e) {
                LOG.warn("A gauge source ({}) failed; its figures are left out of this scrape", source.getClass().getName(), e);
                continue;
            }
            for (GaugeReading reading : readings) {
                gauges.computeIfAbsent(reading.name(),
                        name -> MultiGauge.builder(name).description(reading.description()).register(registry));
                Tags tags = Tags.of(reading.tags().entrySet().stream()
                        .map(e -> Tag.of(e.getKey(), e.getValue())).toList());
                rows.computeIfAbsent(reading.name(), n -> new ArrayList<>()).add(MultiGauge.Row.of(tags, reading.value()));
            }
        }
        rows.forEach((name, list) -> gauges.get(name).register(list, true));
    }

    /** Whether a name and tags can be used; a caller's mistake is logged once per name, never thrown. */
    private boolean wellFormed(String name, String[] tags) {
        boolean ok = name != null && GaugeReading.NAME.matcher(name).matches() && tags != null && tags.length % 2 == 0;
        for (int i = 0; ok && i < tags.length; i++) {
            ok = tags[i] != null;
        }
        if (!ok && refused.add(String.valueOf(name))) {
            LOG.warn("Metric {} ignored: a name of lower-case words joined by dots and tags as key, value pairs are needed", name);
        }
        return ok;
    }

    @Deactivate
    void deactivate() {
        gc.close();
        registry.close();
    }
}
