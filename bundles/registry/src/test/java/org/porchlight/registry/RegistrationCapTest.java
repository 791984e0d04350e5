package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.testing.TestDatabase;

/** The cap on a resident's active registrations: the planted-camera attack's first limit. */
class RegistrationCapTest {

    private static final int CAP = 10;

    private TestDatabase database;
    private Registrations registrations;
    private final UUID owner = UUID.randomUUID();

    @BeforeEach
    void schema() {
        database = TestDatabase.inMemory("registry");
        registrations = new Registrations(database, Clock.systemUTC(), 13, CAP);
    }

    static Registrations.Details details(double latitude, double longitude, boolean paused) {
        return new Registrations.Details(new GeoPoint(latitude, longitude), "1 Main St", CameraKind.DOORBELL, 1, null, null,
                true, 30, true, false, paused, List.of("KCPD"));
    }

    @Test
    void aResidentCannotRegisterAnEleventhActiveCamera() {
        List<UUID> ids = registerUpToTheCap();
        assertRefused(() -> registrations.create(owner, details(39.1, -94.5, false)));
        assertThat(registrations.list(owner)).hasSize(CAP).as("nothing half-written");
        assertThat(registrations.create(UUID.randomUUID(), details(39.1, -94.5, false))).as("other residents are not limited")
                .isNotNull();
        assertThat(registrations.create(owner, details(39.1, -94.5, true)).active()).as("a paused one takes no slot").isFalse();
        assertThat(ids).hasSize(CAP);
    }

    @Test
    void pausingOrDeletingFreesASlotAndResumingTakesOne() {
        List<UUID> ids = registerUpToTheCap();
        registrations.update(owner, ids.get(0), details(39.1, -94.5, true)).orElseThrow();
        UUID eleventh = registrations.create(owner, details(39.1, -94.5, false)).id();
        assertRefused(() -> registrations.update(owner, ids.get(0), details(39.1, -94.5, false)));
        assertThat(registrations.find(owner, ids.get(0)).orElseThrow().paused()).as("still paused").isTrue();
        Registrations.Details notRecording = new Registrations.Details(new GeoPoint(39.1, -94.5), "1 Main St",
                CameraKind.DOORBELL, 1, null, null, false, 30, true, false, false, List.of("KCPD"));
        UUID idle = registrations.create(owner, notRecording).id();
        assertRefused(() -> registrations.update(owner, idle, details(39.1, -94.5, false)));

        assertThat(registrations.delete(owner, eleventh)).isTrue();
        assertThat(registrations.update(owner, ids.get(0), details(39.1, -94.5, false)).orElseThrow().active()).isTrue();
        assertThat(registrations.update(owner, ids.get(1), details(39.2, -94.5, false))).as("an active one may still be edited")
                .isPresent();
        assertThat(registrations.confirm(owner, ids.get(2))).as("and confirmed").isPresent();
    }

    @Test
    void concurrentRegistrationsCannotPassTheCapTogether() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                tries.add(() -> {
                    try {
                        registrations.create(owner, details(39.1, -94.5, false));
                        return true;
                    } catch (ProblemException e) {
                        return false;
                    }
                });
            }
            int created = 0;
            for (Future<Boolean> done : pool.invokeAll(tries)) {
                created += done.get() ? 1 : 0;
            }
            assertThat(created).isEqualTo(CAP);
            assertThat(registrations.list(owner).stream().filter(Registration::active)).hasSize(CAP);
        } finally {
            pool.shutdownNow();
        }
    }

    private List<UUID> registerUpToTheCap() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < CAP; i++) {
            ids.add(registrations.create(owner, details(39.1 + i * 0.0001, -94.5, false)).id());
        }
        return ids;
    }

    private static void assertRefused(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().type()).isEqualTo(Registrations.TOO_MANY_ACTIVE.uri()));
    }
}
