package org.porchlight.api.metrics;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Counts events and records durations for the server's metrics endpoint. The metrics bundle
 * provides it; take it as an optional, dynamic reference (see the package description), so that
 * work never waits on or fails for metrics.
 *
 * <p>{@code tags} are pairs: a key, then its value ({@code "channel", "email"}). The same name must
 * always come with the same tag keys. A call with a malformed name or tags is ignored (and logged
 * by the metrics bundle once), never thrown.
 */
@ProviderType
public interface Metrics {

    /**
     * Adds {@code amount} to the counter {@code name} with these tags, creating it on first use.
     *
     * @param name        e.g. {@code porchlight.audit.appends}
     * @param description what one count means, shown as the metric's help
     * @param amount      zero or more
     * @param tags        key, value, key, value, ...
     */
    void count(String name, String description, long amount, String... tags);

    /**
     * Records one duration of the timer {@code name} with these tags: the endpoint shows its
     * count, sum, maximum and a histogram of fixed buckets.
     *
     * @param name        e.g. {@code porchlight.http.requests}
     * @param description what was timed, shown as the metric's help
     * @param duration    how long it took
     * @param tags        key, value, key, value, ...
     */
    void record(String name, String description, Duration duration, String... tags);
}
