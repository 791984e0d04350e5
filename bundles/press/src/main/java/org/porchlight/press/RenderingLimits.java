package org.porchlight.press;

import java.time.Duration;

/**
 * How much one rendering of a template part (title or body) may take, whoever wrote it.
 *
 * @param maxChars most characters a rendered part may have, and most characters of placeholder
 *                 values one part may read in all, each use counted (what its expressions can
 *                 build before anything is written)
 * @param timeout  longest a rendering may run; checked at every template element and every write
 */
public record RenderingLimits(int maxChars, Duration timeout) {

    /** Longest rendered title: the column that keeps an approved title ({@code press.template.approved_title}). */
    public static final int MAX_TITLE_CHARS = 300;

    public RenderingLimits {
        if (maxChars < 1 || timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("rendering limits must be positive: " + maxChars + " characters, " + timeout);
        }
    }

    /** The defaults of {@link PressConfiguration}. */
    public static RenderingLimits defaults() {
        return new RenderingLimits(100_000, Duration.ofMillis(2000));
    }

    /** Most characters of a rendered part: a title never more than its column holds. */
    int maxChars(String part) {
        return "title".equals(part) ? Math.min(maxChars, MAX_TITLE_CHARS) : maxChars;
    }
}
