package org.porchlight.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BackOffTest {

    private final BackOff backOff = new BackOff(Duration.ofSeconds(10), Duration.ofHours(1));

    @Test
    void doublesFromTheBaseAfterEveryFailure() {
        assertThat(backOff.ceiling(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backOff.ceiling(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backOff.ceiling(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backOff.ceiling(9)).isEqualTo(Duration.ofSeconds(2560));
    }

    @Test
    void neverWaitsLongerThanTheMaximumHoweverManyFailures() {
        assertThat(backOff.ceiling(10)).isEqualTo(Duration.ofHours(1));
        assertThat(backOff.ceiling(1_000_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void spreadsTheWaitOverTheUpperHalfSoThatFailuresTogetherDoNotReturnTogether() {
        SplittableRandom random = new SplittableRandom(42);
        long smallest = Long.MAX_VALUE;
        long largest = 0;
        for (int i = 0; i < 10_000; i++) {
            long millis = backOff.delay(3, random).toMillis();
            smallest = Math.min(smallest, millis);
            largest = Math.max(largest, millis);
        }
        assertThat(smallest).isGreaterThanOrEqualTo(20_000).isLessThan(20_100);
        assertThat(largest).isLessThanOrEqualTo(40_000).isGreaterThan(39_900);
    }

    @Test
    void refusesAMaximumBelowTheBaseAndAttemptsBelowOne() {
        assertThatThrownBy(() -> new BackOff(Duration.ofSeconds(10), Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackOff(Duration.ZERO, Duration.ofSeconds(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> backOff.ceiling(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
