package org.porchlight.incentives;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.incentives}, from {@code etc/org.porchlight.incentives.cfg}. */
@ObjectClassDefinition(name = "Porchlight incentives")
public @interface IncentivesConfiguration {

    String PID = "org.porchlight.incentives";

    @AttributeDefinition(description = "Days after signing up in which a resident may still enter a referral code")
    int gracePeriodDays() default 14;

    @AttributeDefinition(description = "Characters of a new referral code (8 to 16), from an alphabet without look-alikes")
    int codeLength() default 10;

    @AttributeDefinition(description = "The built-in rule per-signups: attributed sign-ups per unit earned")
    int signupsPerUnit() default 20;

    @AttributeDefinition(description = "The built-in rule per-signups: most units a campaign earns per calendar year")
    int maxUnitsPerYear() default 50;

    @AttributeDefinition(description = "Most entrants of one raffle")
    int maxRaffleEntrants() default 10000;
}
