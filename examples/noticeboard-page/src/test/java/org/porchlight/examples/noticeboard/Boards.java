package org.porchlight.examples.noticeboard;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/** A real notice board over H2 for the unit tests: agency KCPD in Chicago, late on 9 March there (10 March in UTC). */
public final class Boards {

    /** 23:00 on 9 March 2026 in Chicago (daylight saving time began on the 8th). */
    public static final Instant NOW = Instant.parse("2026-03-10T04:00:00Z");
    public static final Agencies AGENCIES = TestAgencies.of(
            new AgencyProfile("KCPD", "Kansas City Police", new Circle(new GeoPoint(39.1, -94.58), 20_000),
                    ZoneId.of("America/Chicago"), Map.of()),
            new AgencyProfile("OPPD", "Overland Park Police", new Circle(new GeoPoint(38.98, -94.67), 10_000),
                    ZoneId.of("America/Chicago"), Map.of()));

    private Boards() {
    }

    /** A board whose notices may have at most {@code maxLength} characters. */
    public static NoticeBoard board(int maxLength) {
        return new NoticeBoard(TestDatabase.inMemory("noticeboard"), AGENCIES,
                TestConfiguration.of(NoticeboardConfiguration.class, Map.of("maxLength", maxLength)), new TestClock(NOW));
    }
}
