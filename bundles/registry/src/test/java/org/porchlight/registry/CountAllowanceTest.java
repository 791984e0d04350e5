package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.testing.TestClock;

class CountAllowanceTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-01T00:00:00Z"));
    private final CountAllowance allowance = new CountAllowance(3, Duration.ofHours(1), clock);

    @Test
    void aUserGetsTheAllowanceAnHourAndIsToldWhenTheOldestCountLeavesTheWindow() {
        UUID officer = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(allowance.take(officer)).isEmpty();
            clock.advance(Duration.ofMinutes(10));
        }
        assertThat(allowance.take(officer)).contains(Duration.ofMinutes(30));
        // Refused counts do not use the allowance up further.
        assertThat(allowance.take(officer)).contains(Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(30));
        assertThat(allowance.take(officer)).isEmpty();
        assertThat(allowance.take(officer)).isPresent();
    }

    @Test
    void eachUserHasAnAllowanceOfTheirOwn() {
        UUID officer = UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            allowance.take(officer);
        }
        assertThat(allowance.take(officer)).isPresent();
        assertThat(allowance.take(UUID.randomUUID())).isEmpty();
    }
}
