package org.porchlight.api.metrics;

import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One figure of a {@link GaugeSource}: a name, its help text, its tags and its value now.
 *
 * @param name        lower-case words joined by dots, e.g. {@code porchlight.outbox.backlog}
 * @param description what the figure means
 * @param tags        tag keys and their values (few values each: never an id or personal data)
 * @param value       the figure
 */
public record GaugeReading(String name, String description, Map<String, String> tags, double value) {

    /** What a metric name may be: lower-case words of letters and digits joined by dots or underscores. */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*");

    public GaugeReading {
        Objects.requireNonNull(description, "description");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        tags = Map.copyOf(tags);
    }

    /** A figure without tags. */
    public static GaugeReading of(String name, String description, double value) {
        return new GaugeReading(name, description, Map.of(), value);
    }
}
