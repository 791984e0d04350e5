package org.porchlight.notifications;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a failed delivery waits before its next try: {@code base}, then twice as long after
 * every further failure, never longer than {@code max}. The wait is drawn from its upper half
 * (between half and all of it), so that deliveries that failed together (a mail server down) do
 * not all come back in the same second.
 */
public record BackOff(Duration base, Duration max) {

    public BackOff {
        if (base.isNegative() || base.isZero() || max.compareTo(base) < 0) {
            throw new IllegalArgumentException("the base must be positive and at most the maximum");
        }
    }

    /** The longest wait after failed try {@code attempt} (1 for the first). */
    public Duration ceiling(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1");
        }
        // Doubling past 2^40 times the base overflows long before it matters: the maximum has won.
        int doublings = Math.min(attempt - 1, 40);
        long millis = base.toMillis();
        long limit = max.toMillis();
        for (int i = 0; i < doublings && millis < limit; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, limit));
    }

    /** The wait after failed try {@code attempt}: between half the ceiling and the ceiling. */
    public Duration delay(int attempt, RandomGenerator random) {
        long ceiling = ceiling(attempt).toMillis();
        long half = ceiling / 2;
        return Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    }
}
