package org.porchlight.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.incentives.IncentiveRule.Tally;

class PerSignupsRuleTest {

    @Test
    void oneUnitPerTwentySignUpsUpToFiftyAYear() {
        PerSignupsRule rule = new PerSignupsRule();
        rule.configure(ProgrammesTest.config(14, 20, 50));
        assertThat(rule.unitsFor(tally(19, 0))).isZero();
        assertThat(rule.unitsFor(tally(20, 0))).isOne();
        assertThat(rule.unitsFor(tally(21, 1))).isZero();
        assertThat(rule.unitsFor(tally(40, 1))).isOne();
        assertThat(rule.unitsFor(tally(1000, 49))).isOne();
        assertThat(rule.unitsFor(tally(1020, 50))).as("the yearly cap").isZero();
    }

    private static Tally tally(long thisYear, long unitsThisYear) {
        return new Tally("KCPD", UUID.randomUUID(), Instant.now(), thisYear, unitsThisYear, thisYear, unitsThisYear);
    }
}
