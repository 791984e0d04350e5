package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.api.registry.ExternalRegistration;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/**
 * What an import leaves in the change log, and that an index following it ends up holding what a
 * node loading afresh holds: a first import's new registrations as one range row per batch, the
 * updates of a later import as a row per camera.
 */
class ImportChangeLogTest {

    private static final GeoPoint DOWNTOWN = new GeoPoint(39.0997, -94.5786);
    private static final Circle CITY = new Circle(DOWNTOWN, 20_000);
    private static final AgencyProfile KCPD = new AgencyProfile("KCPD", "Kansas City Police", CITY, null, null);
    private static final Instant LONG_AGO = Instant.now().minus(400, ChronoUnit.DAYS);
    private static final String SOURCE = "kc-watchkc";

    private TestDatabase database;
    private Registry registry;
    private ActiveCameraIndex following;
    private final Random random = new Random(7);

    @BeforeEach
    void setUp() {
        database = TestDatabase.inMemory("registry");
        registry = new Registry(database, TestAgencies.of(KCPD),
                TestConfiguration.of(RegistryConfiguration.class, Map.of("inMemoryIndex", false)));
        ImportRuns runs = new ImportRuns(database);
        runs.register(SOURCE, "KCPD");
        runs.acquire(SOURCE, "node", Instant.now(), Instant.now().plus(Duration.ofHours(1)));
        following = new ActiveCameraIndex(database, Clock.systemUTC());
        following.load();
    }

    @Test
    void aFirstImportLogsARangePerBatchAndAFollowingIndexHoldsWhatAFreshLoadHolds() throws Exception {
        // A resident's camera first: its random id may well fall inside an import's range.
        UUID resident = database.inTransaction(c -> KcpdCameras.insert(c, DOWNTOWN, UUID.randomUUID(), true, false));
        List<ExternalRegistration> feed = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            // Every 7th withdrawn and every 5th not recording: created, but never matched.
            feed.add(row(i, Instant.parse("2026-05-01T00:00:00Z"), randomPoint(), i % 7 == 0, i % 5 != 0));
        }
        ImportSink sink = importRows(feed);

        assertThat(sink.rows()).containsEntry("created", 2_500L - 358).containsEntry("withdrawn", 358L)
                .containsEntry("unchanged", 0L);
        assertThat(rangeRows()).as("one range row per checkpoint's batch").isEqualTo(3);
        assertThat(query("SELECT COUNT(*) FROM registry.camera_change WHERE last_camera_id IS NULL")).as("the resident's").isOne();
        assertThat(query("SELECT COUNT(*) FROM registry.camera c WHERE c.source = ? AND NOT EXISTS (SELECT 1 FROM "
                + "registry.camera_change ch WHERE c.id BETWEEN ch.camera_id AND ch.last_camera_id)"))
                .as("every new registration lies in its batch's range").isZero();

        following.refresh();
        long matchable = feed.stream().filter(r -> !r.withdrawn() && r.recording()).count();
        assertThat(following.count(CITY, "KCPD", LONG_AGO)).isEqualTo(matchable + 1);
        assertThat(contents(following)).isEqualTo(contents(fresh())).containsKey(resident);
    }

    @Test
    void aLaterImportLogsEachUpdatedCameraAndTheFollowingIndexMovesAndDropsThem() throws Exception {
        Instant first = Instant.parse("2026-05-01T00:00:00Z");
        List<ExternalRegistration> feed = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            feed.add(row(i, first, randomPoint(), false, true));
        }
        importRows(feed);
        following.refresh();
        long rangesBefore = rangeRows();

        // A day later: 100 moved, 50 withdrawn, 30 stop recording, 20 new ones; the rest unchanged.
        Instant later = first.plus(1, ChronoUnit.DAYS);
        List<ExternalRegistration> next = new ArrayList<>();
        for (int i = 0; i < 1_220; i++) {
            if (i >= 1_200) {
                next.add(row(i, later, randomPoint(), false, true));
            } else if (i < 100) {
                next.add(row(i, later, randomPoint(), false, true));
            } else if (i < 150) {
                next.add(row(i, later, feed.get(i).location(), true, true));
            } else if (i < 180) {
                next.add(row(i, later, feed.get(i).location(), false, false));
            } else {
                next.add(feed.get(i));
            }
        }
        ImportSink sink = importRows(next);

        assertThat(sink.rows()).containsEntry("created", 20L).containsEntry("updated", 130L).containsEntry("withdrawn", 50L)
                .containsEntry("unchanged", 1_020L);
        assertThat(rangeRows() - rangesBefore).as("the new ones' range").isEqualTo(1);
        assertThat(query("SELECT COUNT(*) FROM registry.camera_change WHERE last_camera_id IS NULL"))
                .as("a row for each camera updated").isEqualTo(180);
        following.refresh();
        assertThat(following.count(CITY, "KCPD", LONG_AGO)).isEqualTo(1_200 - 80 + 20);
        assertThat(contents(following)).isEqualTo(contents(fresh()));
    }

    @Test
    void aRangeBringsOnlyWhatIsMatchableInItAndRereadsWhatItHoldsAlready() throws Exception {
        UUID active = database.inTransaction(c -> KcpdCameras.insert(c, DOWNTOWN, UUID.randomUUID(), true, false));
        UUID paused = database.inTransaction(c -> KcpdCameras.insert(c, DOWNTOWN, UUID.randomUUID(), true, true));
        following.refresh();
        UUID lowest = new UUID(0, 0);
        UUID highest = new UUID(-1, -1);
        database.inTransaction(c -> {
            ActiveCameraIndex.created(c, Instant.now(), lowest, highest);
            return null;
        });
        following.refresh();
        assertThat(contents(following)).isEqualTo(contents(fresh())).containsKey(active).doesNotContainKey(paused);
    }

    private ImportSink importRows(List<ExternalRegistration> rows) {
        ImportSink sink = new ImportSink(new ImportSink.Context(database, Clock.systemUTC(), SOURCE, "KCPD", "node",
                Duration.ofMinutes(5), registry.importAgencies("KCPD"), false, null, null));
        for (int i = 0; i < rows.size(); i++) {
            sink.accept(rows.get(i));
            if ((i + 1) % 1_000 == 0) {
                sink.checkpoint("line " + (i + 1));
            }
        }
        sink.finish();
        return sink;
    }

    private ActiveCameraIndex fresh() {
        ActiveCameraIndex index = new ActiveCameraIndex(database, Clock.systemUTC());
        index.load();
        return index;
    }

    /** What the index would answer: each matchable camera with its owner and where it is. */
    private static Map<UUID, String> contents(ActiveCameraIndex index) {
        return index.located(CITY, "KCPD", LONG_AGO).stream().collect(Collectors.toMap(c -> c.owner().registration(),
                c -> c.owner().owner() + " " + c.owner().source() + " " + c.owner().contactOk() + " " + c.location()));
    }

    private long rangeRows() throws Exception {
        return query("SELECT COUNT(*) FROM registry.camera_change WHERE last_camera_id IS NOT NULL");
    }

    private long query(String sql) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                if (sql.contains("?")) {
                    select.setString(1, SOURCE);
                }
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    private GeoPoint randomPoint() {
        return new GeoPoint(DOWNTOWN.latitude() - 0.1 + random.nextDouble() * 0.2, DOWNTOWN.longitude() - 0.1 + random.nextDouble() * 0.2);
    }

    private static ExternalRegistration row(int i, Instant updatedAt, GeoPoint at, boolean withdrawn, boolean recording) {
        return new ExternalRegistration("WKC-" + i, updatedAt, withdrawn, at, i + " Main St", null, CameraKind.OTHER, 1,
                recording, 30, i % 2 == 0, "owner" + i + "@example.org", null);
    }
}
