package org.porchlight.examples.milestones;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.incentives.IncentiveRule.Tally;

/** What the rule awards, replayed as the platform asks it: once per counted sign-up, with the campaign's counts. */
class MilestoneRuleTest {

    private static final UUID CAMPAIGN = UUID.randomUUID();

    @Test
    void aCampaignEarnsAtEachMilestoneAndNowhereElse() {
        MilestoneRule rule = new MilestoneRule(Set.of(3L, 5L), 2, 100);

        assertThat(replay(rule, 6)).containsExactly(0, 0, 2, 0, 2, 0);
    }

    @Test
    void theYearlyCapLimitsTheLastMilestoneToWhatIsLeft() {
        MilestoneRule rule = new MilestoneRule(Set.of(1L, 2L, 3L), 2, 3);

        assertThat(replay(rule, 3)).containsExactly(2, 1, 0);
    }

    @Test
    void aNewYearStartsTheCountAgain() {
        MilestoneRule rule = new MilestoneRule(Set.of(1L), 1, 1);
        Instant january = Instant.parse("2027-01-01T00:00:01Z");

        // The platform counts sign-ups and units per calendar year: January's first sign-up is the year's first.
        assertThat(rule.unitsFor(new Tally("TEST", CAMPAIGN, january, 1, 0, 41, 1))).isEqualTo(1);
    }

    @Test
    void aCapOfZeroEarnsNothing() {
        assertThat(replay(new MilestoneRule(Set.of(1L, 2L), 5, 0), 2)).containsExactly(0, 0);
    }

    @Test
    void milestonesAreReadFromACommaSeparatedList() {
        assertThat(MilestoneRule.milestones(" 25, 10,,100 , 10")).containsExactly(10L, 25L, 100L);
    }

    @Test
    void aListThatIsNotMilestonesIsRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> MilestoneRule.milestones("10, twenty")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("milestones must be whole numbers from 1 to 1000000, separated by commas");
        assertThatThrownBy(() -> MilestoneRule.milestones("0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MilestoneRule.milestones(" , "))
                .hasMessage("milestones must name at least one count of sign-ups");
        assertThatThrownBy(() -> new MilestoneRule(Set.of(1L), 0, 5)).hasMessage("unitsPerMilestone must be at least 1");
    }

    /** The units awarded for {@code signUps} counted sign-ups of one year, each asked with the units earned before it. */
    private static List<Integer> replay(MilestoneRule rule, int signUps) {
        List<Integer> awarded = new ArrayList<>();
        long units = 0;
        for (long n = 1; n <= signUps; n++) {
            int earned = rule.unitsFor(new Tally("TEST", CAMPAIGN, Instant.parse("2026-06-01T12:00:00Z"), n, units, n, units));
            awarded.add(earned);
            units += earned;
        }
        return awarded;
    }
}
