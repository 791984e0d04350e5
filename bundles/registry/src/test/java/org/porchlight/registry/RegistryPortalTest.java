package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/** What the portal's pages do with a resident's cameras: the API's rules, scoped to the owner. */
class RegistryPortalTest {

    private static final GeoPoint DOWNTOWN = new GeoPoint(39.0997, -94.5786);
    private static final AgencyProfile KCPD = new AgencyProfile("KCPD", "Kansas City Police", new Circle(DOWNTOWN, 20_000),
            null, Map.of());

    private RegistryPortal portal;
    private final UUID owner = UUID.randomUUID();

    @BeforeEach
    void registry() {
        Registry registry = new Registry(TestDatabase.inMemory("registry"), TestAgencies.of(KCPD),
                TestConfiguration.of(RegistryConfiguration.class, Map.of("inMemoryIndex", false,
                        "maxActiveRegistrationsPerOwner", 2)));
        portal = new RegistryPortal(registry, null);
    }

    private static RegistryPortal.CameraInput at(GeoPoint location, String address) {
        return new RegistryPortal.CameraInput(location, "  " + address + " ", CameraKind.FLOODLIGHT, 2, 90, 120, true, 14, true,
                false, false);
    }

    @Test
    void aCameraIsOpenToTheAgenciesWhoseJurisdictionHoldsItAndToNoneOutsideEvery() {
        Registration inside = portal.register(owner, at(DOWNTOWN, "1 Main St"));
        assertThat(inside.agencies()).containsExactly("KCPD");
        assertThat(inside.address()).isEqualTo("1 Main St");
        assertThat(inside.active()).isTrue();
        Registration outside = portal.register(owner, at(new GeoPoint(51.5, -0.12), "10 Downing St"));
        assertThat(outside.agencies()).isEmpty();
        assertThat(portal.cameras(owner)).extracting(Registration::address).containsExactly("1 Main St", "10 Downing St");
    }

    @Test
    void pausingKeepsEverythingElseAndFreesASlotThatResumingTakesAgain() {
        UUID first = portal.register(owner, at(DOWNTOWN, "1 Main St")).id();
        portal.register(owner, at(DOWNTOWN, "2 Main St"));
        Registration paused = portal.setPaused(owner, first, true).orElseThrow();
        assertThat(paused.paused()).isTrue();
        assertThat(paused.active()).isFalse();
        assertThat(paused).extracting(Registration::kind, Registration::cameraCount, Registration::bearing,
                Registration::viewAngle, Registration::retentionDays, Registration::agencies)
                .containsExactly(CameraKind.FLOODLIGHT, 2, 90, 120, 14, java.util.List.of("KCPD"));

        portal.register(owner, at(DOWNTOWN, "3 Main St"));
        ProblemException refused = catchThrowableOfType(() -> portal.setPaused(owner, first, false), ProblemException.class);
        assertThat(refused.problem().type().toString()).endsWith(":too-many-active-registrations");
        assertThat(refused.problem().status()).isEqualTo(409);
        assertThat(portal.cameras(owner).get(0).paused()).as("still paused").isTrue();
    }

    @Test
    void anotherResidentsCameraIsNotFoundForAnyChange() {
        UUID id = portal.register(owner, at(DOWNTOWN, "1 Main St")).id();
        UUID stranger = UUID.randomUUID();
        assertThat(portal.setPaused(stranger, id, true)).isEmpty();
        assertThat(portal.confirm(stranger, id)).isEmpty();
        assertThat(portal.delete(stranger, id)).isFalse();
        assertThat(portal.cameras(stranger)).isEmpty();
        assertThat(portal.cameras(owner).get(0).paused()).isFalse();
        assertThat(portal.delete(owner, id)).isTrue();
        assertThat(portal.cameras(owner)).isEmpty();
    }
}
