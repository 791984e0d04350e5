package org.porchlight.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.porchlight.api.metrics.Metrics;

/** A {@link Metrics} for unit tests: sums the counts by name and tags, counts the recorded durations. */
public final class RecordingMetrics implements Metrics {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();
    private final Map<String, Long> records = new ConcurrentHashMap<>();

    @Override
    public void count(String name, String description, long amount, String... tags) {
        counts.merge(key(name, tags), amount, Long::sum);
    }

    @Override
    public void record(String name, String description, Duration duration, String... tags) {
        records.merge(key(name, tags), 1L, Long::sum);
    }

    /** The sum of the counts of {@code name} with exactly these tags, e.g. {@code count("x", "channel", "email")}. */
    public long count(String name, String... tags) {
        return counts.getOrDefault(key(name, tags), 0L);
    }

    /** How many durations were recorded under {@code name} with exactly these tags. */
    public long records(String name, String... tags) {
        return records.getOrDefault(key(name, tags), 0L);
    }

    private static String key(String name, String... tags) {
        return name + List.of(tags);
    }
}
