package org.porchlight.api.transparency;

import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A section's figures for one month, by name, e.g. {@code requestsMade: 12, shareRate: 0.31}.
 * Values are numbers, or {@code null} where there is nothing to compute (a rate of no cases),
 * which the public page leaves out.
 */
public record MonthlyFigures(YearMonth month, Map<String, Number> figures) {

    public MonthlyFigures {
        Objects.requireNonNull(month, "month");
        figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }
}
