package org.porchlight.registry;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.registry}, from {@code etc/org.porchlight.registry.cfg}. */
@ObjectClassDefinition(name = "Porchlight camera registry")
public @interface RegistryConfiguration {

    String PID = "org.porchlight.registry";

    @AttributeDefinition(description = "Density map: cells whose noisy count of distinct owners is lower are not shown "
            + "(never below 3)")
    int densityMinimum() default 5;

    @AttributeDefinition(name = "Density noise epsilon", description = "Density map: differential-privacy epsilon of each "
            + "published figure (two-sided geometric noise, a = e^-epsilon); smaller is more private and noisier. An owner "
            + "whose cameras are in one cell per grid spends it once per grid (5 grids) per period")
    double densityEpsilon() default 1.0;

    @AttributeDefinition(name = "Density period", description = "Density map: days for which a snapshot of distinct owners "
            + "and its noise stay the same (counted from 1970-01-01 UTC); each period spends the budget again")
    int densityPeriodDays() default 7;

    @AttributeDefinition(name = "Active registrations per owner", description = "Most active (not paused, recording, "
            + "confirmed) registrations a resident may have; a write that would make one more is refused (409)")
    int maxActiveRegistrationsPerOwner() default 10;

    @AttributeDefinition(description = "Largest area an agency may count cameras in, square miles")
    double maxCountAreaSquareMiles() default 1.0;

    @AttributeDefinition(name = "Count: fewest cells", description = "Agency counts are answered on whole coarse cells of "
            + "about 150 m (every cell the area covers or touches); an area touching fewer cells is refused (never below 1)")
    int minCountCells() default 4;

    @AttributeDefinition(name = "Count: fewest owners", description = "Agency counts, and the owners-asked figure of footage "
            + "requests, are withheld when fewer distinct owners have cameras in the counted cells (never below 3)")
    int countMinimumOwners() default 5;

    @AttributeDefinition(name = "Count: per user and hour", description = "Counts one agency user may ask for in a sliding "
            + "hour on each node; beyond that 429 with Retry-After")
    int countsPerHour() default 60;

    @AttributeDefinition(description = "Density map: most cells one answer may cover")
    int maxDensityCells() default 40000;

    @AttributeDefinition(description = "Months after the last confirmation that a registration stops being matched")
    int confirmationMonths() default 13;

    @AttributeDefinition(description = "Count and match from an in-memory index of active cameras (about 200 bytes each) "
            + "rather than the database")
    boolean inMemoryIndex() default true;

    @AttributeDefinition(description = "Days before a registration's confirmation falls due that its owner is reminded")
    int reminderNoticeDays() default 30;

    @AttributeDefinition(description = "Seconds between looks for registrations due for a reminder")
    int reminderCheckSeconds() default 3600;

    @AttributeDefinition(description = "Imports: seconds a node holds a source without a checkpoint before another node may take over")
    int importLeaseSeconds() default 120;
}
