package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestDatabase;

/**
 * The public density map on H2: distinct owners against the floor, one snapshot and one noise
 * per period, and the same figures whatever box asks.
 */
class PublicDensityTest {

    /** With this epsilon a draw is non-zero with probability about 2e-22: the true counts show. */
    private static final double NO_NOISE = 50;
    private static final double[] BOX = {39.1, -94.5, 39.3, -94.3};
    private static final double LAT = 39.20001;
    private static final double LON = -94.40001;

    private TestDatabase database;
    private TestClock clock;
    private Registrations registrations;

    @BeforeEach
    void schema() {
        database = TestDatabase.inMemory("registry");
        clock = new TestClock(Instant.parse("2026-12-03T12:00:00Z"));
        registrations = new Registrations(database, clock, 13, 10);
    }

    private PublicDensity density(double epsilon) {
        return new PublicDensity(new DensityRows(database), registrations::activeSince, clock,
                new PublicDensity.Settings(5, epsilon, 7, 40_000));
    }

    @Test
    void oneOwnerWithTenCamerasInACellDoesNotPassAFloorOfFive() {
        UUID owner = UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            registrations.create(owner, RegistrationCapTest.details(LAT + i * 0.0001, LON, false));
        }
        for (int i = 0; i < 3; i++) {
            registrations.create(UUID.randomUUID(), RegistrationCapTest.details(LAT, LON + i * 0.0001, false));
        }
        assertThat(density(NO_NOISE).map(BOX, 250).cells()).as("four owners, thirteen cameras").isEmpty();
    }

    @Test
    void fiveOwnersPassTheFloorAndTheFigureCountsOwners() {
        plant(5, 3);
        Registry.DensityMap map = density(NO_NOISE).map(BOX, 250);
        assertThat(map.cells()).singleElement().satisfies(cell -> {
            assertThat(cell.owners()).isEqualTo(5);
            assertThat(cell.south()).isLessThanOrEqualTo(LAT);
            assertThat(cell.north()).isGreaterThan(LAT);
        });
        assertThat(map.cellMeters()).isEqualTo(250);
        assertThat(map.period()).as("the ISO week's Monday").isEqualTo("2026-11-30");
        assertThat(density(NO_NOISE).map(BOX, 1000).cells()).singleElement().extracting(Registry.DensityMap.Cell::owners)
                .isEqualTo(5L);
    }

    @Test
    void importedRegistrationsCountOncePerSourceContactOrElseEach() {
        plant(3, 1);
        importRow("kc-watchkc", "a1", "shop@example.org");
        importRow("kc-watchkc", "a2", "shop@example.org"); // the same business: one owner
        assertThat(density(NO_NOISE).map(BOX, 250).cells()).isEmpty();
        clock.advance(Duration.ofDays(7));
        importRow("kc-watchkc", "a3", null); // no contact: an owner of its own
        assertThat(density(NO_NOISE).map(BOX, 250).cells()).singleElement().extracting(Registry.DensityMap.Cell::owners)
                .isEqualTo(5L);
    }

    @Test
    void aPeriodShowsItsSnapshotSoChangesWithinItCannotBeToldApart() {
        plant(5, 1);
        PublicDensity density = density(NO_NOISE);
        assertThat(density.map(BOX, 250).cells()).singleElement().extracting(Registry.DensityMap.Cell::owners).isEqualTo(5L);
        UUID newcomer = UUID.randomUUID();
        registrations.create(newcomer, RegistrationCapTest.details(LAT, LON, false));
        clock.advance(Duration.ofDays(2));
        assertThat(density.map(BOX, 250).cells()).singleElement().extracting(Registry.DensityMap.Cell::owners).isEqualTo(5L);
        clock.advance(Duration.ofDays(5));
        assertThat(density.map(BOX, 250).cells()).singleElement().extracting(Registry.DensityMap.Cell::owners).isEqualTo(6L);
        assertThat(rowCount("SELECT COUNT(*) FROM registry.density_period")).as("older snapshots dropped").isEqualTo(1);
    }

    @Test
    void noisyFiguresStayThePeriodWhateverTheBoxAndChangeTheNext() {
        plant(30, 1);
        PublicDensity density = density(1.0);
        long first = figureAt(density.map(BOX, 250));
        assertThat(figureAt(density.map(new double[] {LAT - 0.0001, LON - 0.0001, LAT + 0.0001, LON + 0.0001}, 250)))
                .isEqualTo(first);
        assertThat(figureAt(density(1.0).map(BOX, 200))).as("another instance, another request").isEqualTo(first);
        boolean changed = false;
        long sum = 0;
        for (int week = 0; week < 20; week++) {
            clock.advance(Duration.ofDays(7));
            long figure = figureAt(density.map(BOX, 250));
            changed |= figure != first;
            sum += figure;
        }
        assertThat(changed).as("a fresh draw each period").isTrue();
        assertThat(sum / 20.0).isBetween(27.0, 33.0);
    }

    @Test
    void everyCellTheBoxTouchesIsNoisedEmptyOnesToo() {
        // About 37,000 empty cells at epsilon 1: P(noise >= 5) = a^5 / (1 + a) = 0.49%, about 180 of them.
        double[] big = {39.0, -94.8, 39.4, -94.2};
        double a = Math.exp(-1);
        double expected = DensityGrid.of(250).count(big) * Math.pow(a, 5) / (1 + a);
        Registry.DensityMap map = density(1.0).map(big, 250);
        assertThat(map.cells()).hasSizeBetween((int) (expected * 0.7), (int) (expected * 1.3));
        assertThat(map.cells()).allSatisfy(cell -> assertThat(cell.owners()).isGreaterThanOrEqualTo(5));
    }

    @Test
    void aBoxOfTooManyCellsIsRefused() {
        assertThatThrownBy(() -> density(1.0).map(new double[] {30, -100, 40, -90}, 50)).isInstanceOf(ProblemException.class);
    }

    private static long figureAt(Registry.DensityMap map) {
        return map.cells().stream().filter(c -> c.south() <= LAT && c.north() > LAT && c.west() <= LON && c.east() > LON)
                .findFirst().orElseThrow().owners();
    }

    /** {@code owners} residents with {@code each} cameras each, in one 250 m cell. */
    private void plant(int owners, int each) {
        for (int o = 0; o < owners; o++) {
            UUID owner = UUID.randomUUID();
            for (int i = 0; i < each; i++) {
                registrations.create(owner, RegistrationCapTest.details(LAT + i * 0.0001, LON + o * 0.00001, false));
            }
        }
    }

    private void importRow(String source, String key, String email) {
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO registry.camera (id, source, external_key, "
                    + "contact_email, latitude, longitude, cell, address, kind, camera_count, recording, retention_days, "
                    + "contact_ok, exact_location_ok, paused, withdrawn, verified, confirmed_at, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, '', 'DOORBELL', 1, TRUE, 30, TRUE, FALSE, FALSE, FALSE, FALSE, ?, ?, ?)")) {
                Timestamp now = Timestamp.from(clock.instant());
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, source);
                insert.setString(3, key);
                insert.setString(4, email);
                insert.setDouble(5, LAT);
                insert.setDouble(6, LON);
                insert.setLong(7, Grid.cell(LAT, LON));
                insert.setTimestamp(8, now);
                insert.setTimestamp(9, now);
                insert.setTimestamp(10, now);
                return insert.executeUpdate();
            }
        });
    }

    private long rowCount(String sql) {
        return database.withConnection(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
