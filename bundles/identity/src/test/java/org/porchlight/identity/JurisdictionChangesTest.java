package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Caller;

class JurisdictionChangesTest {

    private static final Polygon KANSAS_CITY = square(39.00, -94.70, 39.10, -94.50);
    private static final Polygon NEIGHBOUR_EAST = square(39.00, -94.50, 39.10, -94.40); // shares KC's east border
    private static final Circle FAR_AWAY = new Circle(new GeoPoint(38.60, -90.20), 10_000);

    private static final Caller KC_ADMIN = new Caller(UUID.randomUUID(), "AGENCY_ADMIN", "KCPD", Caller.Credential.TOKEN, null);
    private static final Caller PLATFORM = new Caller(UUID.randomUUID(), "PLATFORM_ADMIN", null, Caller.Credential.TOKEN, null);

    private static final List<Agency> AGENCIES = List.of(agency("KCPD", square(39.02, -94.68, 39.08, -94.52)),
            agency("INDY", NEIGHBOUR_EAST), agency("STL", FAR_AWAY));

    @Test
    void anAgencyAdminCannotMoveTheirJurisdictionOverAnotherAgencysGround() {
        for (Area grab : List.<Area>of(square(39.02, -94.60, 39.08, -94.45), new Circle(new GeoPoint(39.05, -94.45), 2_000),
                new Circle(new GeoPoint(39.05, -94.52), 2_000), square(38.90, -94.80, 39.20, -94.30))) {
            assertThatThrownBy(() -> JurisdictionChanges.check(KC_ADMIN, "KCPD", grab, AGENCIES)).as(grab.toString())
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(403);
                        assertThat(e.problem().detail()).contains("INDY").doesNotContain("STL");
                    });
        }
    }

    @Test
    void aCrossShapedGrabWithNoCornerInsideIsCaughtToo() {
        Polygon tall = square(38.95, -94.46, 39.15, -94.44); // crosses INDY north to south, no corner inside it
        assertThat(JurisdictionChanges.overlapped("KCPD", tall, AGENCIES)).containsExactly("INDY");
    }

    @Test
    void growingUpToANeighboursBorderIsNoOverlap() {
        assertThatCode(() -> JurisdictionChanges.check(KC_ADMIN, "KCPD", KANSAS_CITY, AGENCIES)).doesNotThrowAnyException();
        Circle touching = new Circle(new GeoPoint(39.05, -94.60), distanceMeters(-94.60, -94.50, 39.05));
        assertThat(JurisdictionChanges.overlapped("KCPD", touching, AGENCIES)).isEmpty();
    }

    @Test
    void theSameGroundAsAnotherAgencyOverlapsIt() {
        assertThat(JurisdictionChanges.overlapped("KCPD", NEIGHBOUR_EAST, AGENCIES)).containsExactly("INDY");
        assertThat(JurisdictionChanges.overlapped("KCPD", FAR_AWAY, AGENCIES)).containsExactly("STL");
    }

    @Test
    void aPlatformAdminMayGiveAgenciesSharedGround() {
        assertThatCode(() -> JurisdictionChanges.check(PLATFORM, "KCPD", NEIGHBOUR_EAST, AGENCIES)).doesNotThrowAnyException();
    }

    @Test
    void anUnchangedJurisdictionPassesEvenWhereAPlatformAdminLetItOverlap() {
        List<Agency> shared = List.of(agency("KCPD", NEIGHBOUR_EAST), agency("INDY", NEIGHBOUR_EAST));
        assertThatCode(() -> JurisdictionChanges.check(KC_ADMIN, "kcpd", NEIGHBOUR_EAST, shared)).doesNotThrowAnyException();
    }

    private static Polygon square(double south, double west, double north, double east) {
        return new Polygon(List.of(new GeoPoint(south, west), new GeoPoint(south, east), new GeoPoint(north, east),
                new GeoPoint(north, west)));
    }

    private static Agency agency(String code, Area jurisdiction) {
        return new Agency(code, code, jurisdiction, "America/Chicago", "x@example.org", null, Map.of(), null);
    }

    private static double distanceMeters(double fromLongitude, double toLongitude, double latitude) {
        return 6_371_008.8 * Math.toRadians(Math.abs(toLongitude - fromLongitude)) * Math.cos(Math.toRadians(latitude));
    }
}
