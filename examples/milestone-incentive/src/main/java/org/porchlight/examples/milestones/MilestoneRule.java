package org.porchlight.examples.milestones;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.incentives.IncentiveRule;

/**
 * An incentive rule in which a campaign earns {@code unitsPerMilestone} units each time its verified sign-ups of the
 * calendar year reach one of the milestones ("two cameras at 10 sign-ups, two more at 25, ..."), at most
 * {@code maxUnitsPerYear} a year; the count starts again each January. One rule per factory configuration, each under
 * its own name. The platform asks the rule once per counted sign-up and writes the answer to the ledger for good, so
 * a changed configuration applies to later sign-ups only.
 */
@Component(service = IncentiveRule.class, configurationPid = MilestonesConfiguration.FACTORY_PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = MilestonesConfiguration.class, factory = true)
public class MilestoneRule implements IncentiveRule {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,63}");
    private static final long MOST_SIGN_UPS = 1_000_000;

    private final Set<Long> milestones;
    private final int unitsPerMilestone;
    private final int maxUnitsPerYear;

    /** A configuration that breaks a rule fails here, with the reason in the log, and no campaign gets the rule. */
    @Activate
    public MilestoneRule(MilestonesConfiguration config) {
        this(milestones(config.milestones()), config.unitsPerMilestone(), config.maxUnitsPerYear());
        String name = config.porchlight_incentive_rule();
        require(name != null && NAME.matcher(name).matches(), IncentiveRule.NAME + " must be 1 to 64 of a-z 0-9 . -");
    }

    MilestoneRule(Set<Long> milestones, int unitsPerMilestone, int maxUnitsPerYear) {
        require(unitsPerMilestone >= 1, "unitsPerMilestone must be at least 1");
        require(maxUnitsPerYear >= 0, "maxUnitsPerYear must be 0 or more");
        this.milestones = Set.copyOf(milestones);
        this.unitsPerMilestone = unitsPerMilestone;
        this.maxUnitsPerYear = maxUnitsPerYear;
    }

    @Override
    public int unitsFor(Tally tally) {
        if (!milestones.contains(tally.attributionsThisYear())) {
            return 0;
        }
        // Near the cap a milestone earns what is left of the year's units.
        long left = Math.max(0, maxUnitsPerYear - tally.unitsThisYear());
        return (int) Math.min(unitsPerMilestone, left);
    }

    /**
     * The milestones in {@code list}: whole numbers from 1 to a million, separated by commas.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Set<Long> milestones(String list) {
        Set<Long> milestones = new TreeSet<>();
        for (String item : (list == null ? "" : list).split(",")) {
            String milestone = item.strip();
            if (milestone.isEmpty()) {
                continue;
            }
            require(milestone.matches("\\d{1,7}") && Long.parseLong(milestone) >= 1 && Long.parseLong(milestone) <= MOST_SIGN_UPS,
                    "milestones must be whole numbers from 1 to " + MOST_SIGN_UPS + ", separated by commas");
            milestones.add(Long.parseLong(milestone));
        }
        require(!milestones.isEmpty(), "milestones must name at least one count of sign-ups");
        return milestones;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
