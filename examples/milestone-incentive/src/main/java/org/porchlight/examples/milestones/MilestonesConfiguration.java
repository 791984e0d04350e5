package org.porchlight.examples.milestones;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One milestone rule: factory PID {@code org.porchlight.examples.milestones}, a file
 * {@code etc/org.porchlight.examples.milestones-<name>.cfg} per rule, so that agencies with different programmes each
 * have one. {@code porchlight.incentive.rule} keeps the SDK's name because DS publishes it as the rule's service
 * property, which is how a campaign finds the rule.
 */
@ObjectClassDefinition(name = "Example: milestone incentive rule",
        description = "A campaign earns units when its verified sign-ups of the calendar year reach set milestones")
public @interface MilestonesConfiguration {

    String FACTORY_PID = "org.porchlight.examples.milestones";

    @AttributeDefinition(name = "Rule name", description = "The name campaigns give as their rule: 1 to 64 of a-z 0-9 . -, "
            + "unique on the server, e.g. kcpd-milestones")
    String porchlight_incentive_rule();

    @AttributeDefinition(name = "Milestones", description = "Counts of verified sign-ups in a calendar year (UTC) at which "
            + "the campaign earns units, separated by commas, e.g. 10, 25, 50, 100")
    String milestones() default "10, 25, 50, 100";

    @AttributeDefinition(name = "Units per milestone", description = "Units (e.g. cameras) earned at each milestone", min = "1")
    int unitsPerMilestone() default 1;

    @AttributeDefinition(name = "Units per year", description = "Most units a campaign earns in a calendar year (UTC)",
            min = "0")
    int maxUnitsPerYear() default 10;
}
