package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.store.Database;
import org.porchlight.testing.TestDatabase;

/**
 * The in-memory index against the real schema on H2: it follows writes made through the change
 * log, including writes of "another node" that commit out of the order of their change numbers.
 */
class ActiveCameraIndexTest {

    private static final GeoPoint HERE = new GeoPoint(39.0997, -94.5786);
    private static final Circle AREA = new Circle(HERE, 500);
    private static final Instant LONG_AGO = Instant.now().minus(400, ChronoUnit.DAYS);

    private Database database;
    private ActiveCameraIndex index;

    @BeforeEach
    void schema() throws Exception {
        database = TestDatabase.inMemory("registry");
        index = new ActiveCameraIndex(database, Clock.systemUTC());
    }

    @Test
    void loadsWhatIsMatchableAndFollowsCommittedChanges() {
        UUID first = database.inTransaction(c -> insert(c, HERE, false));
        database.inTransaction(c -> insert(c, HERE, true)); // paused: never matched
        index.load();
        assertThat(index.count(AREA, "KCPD", LONG_AGO)).isEqualTo(1);
        assertThat(index.count(AREA, "JCSO", LONG_AGO)).isZero();

        UUID second = database.inTransaction(c -> insert(c, new GeoPoint(39.1, -94.578), false));
        index.refresh();
        assertThat(index.owners(AREA, "KCPD", LONG_AGO)).extracting(o -> o.registration()).containsExactlyInAnyOrder(first, second);

        database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM registry.camera WHERE id = ?")) {
                delete.setObject(1, first);
                delete.executeUpdate();
            }
            ActiveCameraIndex.changed(c, Instant.now(), List.of(first));
            return null;
        });
        index.refresh();
        assertThat(index.count(AREA, "KCPD", LONG_AGO)).isEqualTo(1);
        assertThat(index.count(AREA, "KCPD", Instant.now().plus(1, ChronoUnit.DAYS)))
                .as("confirmation age is checked when asked").isZero();
    }

    @Test
    void aChangeNumberThatCommitsLateIsStillApplied() throws Exception {
        index.load();
        try (Connection slow = newConnection()) {
            slow.setAutoCommit(false);
            UUID late = insert(slow, HERE, false); // takes its change number first, commits last
            UUID early = database.inTransaction(c -> insert(c, HERE, false));
            index.refresh();
            assertThat(index.owners(AREA, "KCPD", LONG_AGO)).extracting(o -> o.registration()).containsExactly(early);
            slow.commit();
            index.refresh();
            assertThat(index.owners(AREA, "KCPD", LONG_AGO)).extracting(o -> o.registration())
                    .containsExactlyInAnyOrder(early, late);
        }
    }

    private Connection newConnection() throws SQLException {
        return ((TestDatabase) database).dataSource().getConnection();
    }

    private static UUID insert(Connection c, GeoPoint at, boolean paused) throws SQLException {
        return KcpdCameras.insert(c, at, UUID.randomUUID(), true, paused);
    }
}
