package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.personal.Erasure;
import org.porchlight.testing.TestDatabase;

/** A resident's cameras as their personal data: exported as they see them, all deleted with the account. */
class CameraDataTest {

    private TestDatabase database;
    private Registrations registrations;
    private CameraData data;
    private final UUID resident = UUID.randomUUID();
    private final UUID neighbour = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        database = TestDatabase.inMemory("registry");
        registrations = new Registrations(database, Clock.systemUTC(), 13, 10);
        data = new CameraData(registrations, database);
    }

    @Test
    void theExportListsTheResidentsRegistrationsOnly() {
        registrations.create(resident, RegistrationCapTest.details(39.1, -94.5, false));
        registrations.create(neighbour, RegistrationCapTest.details(39.2, -94.5, false));

        Object export = data.export(resident);

        assertThat(export).isInstanceOfSatisfying(Map.class, m -> assertThat((java.util.List<?>) m.get("registrations")).hasSize(1));
        assertThat(export.toString()).contains("39.1").doesNotContain("39.2");
    }

    @Test
    void everyRegistrationOfTheResidentGoesAndTheIndexHearsOfEach() {
        UUID active = registrations.create(resident, RegistrationCapTest.details(39.1, -94.5, false)).id();
        UUID paused = registrations.create(resident, RegistrationCapTest.details(39.1, -94.6, true)).id();
        registrations.create(neighbour, RegistrationCapTest.details(39.2, -94.5, false));

        assertThat(data.erase(resident)).isEqualTo(new Erasure(2, 0));

        assertThat(registrations.list(resident)).isEmpty();
        assertThat(registrations.list(neighbour)).hasSize(1);
        assertThat(count("SELECT COUNT(*) FROM registry.camera_change WHERE camera_id IN ('" + active + "', '" + paused + "')"))
                .as("every node's index drops them").isGreaterThanOrEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM registry.registration_owner WHERE owner_id = '" + resident + "'")).isZero();
        assertThat(data.erase(resident)).as("once gone, nothing more").isEqualTo(Erasure.none());
    }

    @Test
    void aClaimedImportLeavesATombstoneAndPendingClaimsGoInTheSameErasure() {
        UUID claimed = registrations.create(resident, RegistrationCapTest.details(39.123456, -94.654321, false)).id();
        UUID own = registrations.create(resident, RegistrationCapTest.details(39.1, -94.6, false)).id();
        update("UPDATE registry.camera SET source = 'kcpd', external_key = 'k-1' WHERE id = '" + claimed + "'");
        update("INSERT INTO registry.claim (id, account_id, email, code_hash, attempts, created_at, expires_at) VALUES ('"
                + UUID.randomUUID() + "', '" + resident + "', 'r@example.org', 'x', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        update("INSERT INTO registry.claim (id, account_id, email, code_hash, attempts, created_at, expires_at) VALUES ('"
                + UUID.randomUUID() + "', '" + neighbour + "', 'n@example.org', 'x', 0, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");

        assertThat(data.erase(resident)).as("two registrations and one claim").isEqualTo(new Erasure(3, 0));

        assertThat(count("SELECT COUNT(*) FROM registry.camera WHERE id = '" + own + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM registry.camera WHERE id = '" + claimed + "' AND owner_id IS NULL AND withdrawn = TRUE "
                + "AND address = '' AND latitude <> 39.123456")).as("a tombstone without the exact place").isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM registry.camera_agency WHERE camera_id = '" + claimed + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM registry.claim WHERE account_id = '" + resident + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM registry.claim WHERE account_id = '" + neighbour + "'")).isEqualTo(1);
        assertThat(data.erase(resident)).as("the tombstone is no one's any more").isEqualTo(Erasure.none());
    }

    @Test
    void deletingOneRegistrationLeavesTheOwnersOthers() {
        UUID one = registrations.create(resident, RegistrationCapTest.details(39.1, -94.5, false)).id();
        registrations.create(resident, RegistrationCapTest.details(39.1, -94.6, false));

        assertThat(registrations.delete(neighbour, one)).as("not theirs").isFalse();
        assertThat(registrations.delete(resident, one)).isTrue();
        assertThat(registrations.delete(resident, one)).as("gone").isFalse();
        assertThat(registrations.list(resident)).hasSize(1);
    }

    private void update(String sql) {
        database.inTransaction(c -> {
            try (var s = c.createStatement()) {
                return s.executeUpdate(sql);
            }
        });
    }

    private long count(String sql) {
        return database.withConnection(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
