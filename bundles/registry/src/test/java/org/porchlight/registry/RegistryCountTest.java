package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.registry.CoarseCount;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/**
 * The agency's count and the requests' owners figure on the real schema (H2): answers depend on
 * whole coarse cells only, so that attackers' areas, however fine, tell nothing within a cell.
 */
class RegistryCountTest {

    private static final GeoPoint DOWNTOWN = new GeoPoint(39.0997, -94.5786);
    private static final AgencyProfile KCPD = new AgencyProfile("KCPD", "Kansas City Police", new Circle(DOWNTOWN, 20_000), null,
            null);

    private Database database;
    private Registry registry;
    private CoarseCells.Cell cell;

    @BeforeEach
    void registry() {
        database = TestDatabase.inMemory("registry");
        // The defaults, counting from the database (no background index).
        registry = new Registry(database, TestAgencies.of(KCPD),
                TestConfiguration.of(RegistryConfiguration.class, Map.of("inMemoryIndex", false)));
        cell = CoarseCells.of(DOWNTOWN);
    }

    @Test
    void aCameraMovedWithinItsCellChangesNoAnswerToAnyAreaThoughExactCountsWouldTell() {
        GeoPoint here = within(cell, 0.2, 0.2);
        GeoPoint there = within(cell, 0.8, 0.8);
        for (int i = 0; i < 5; i++) { // five other owners 300-400 m north
            insert(new GeoPoint(here.latitude() + (300 + 25 * i) / 111_195.0, here.longitude()), UUID.randomUUID(), true);
        }
        UUID target = insert(here, UUID.randomUUID(), true);
        List<Area> areas = attackerAreas(here);

        List<String> told = answers(areas);
        List<Long> exact = areas.stream().map(a -> registry.countIn(a, "KCPD")).toList();
        move(target, there);
        assertThat(answers(areas)).isEqualTo(told);
        assertThat(areas.stream().map(a -> registry.countIn(a, "KCPD")).toList()).as("exact counts would give it away")
                .isNotEqualTo(exact);
        assertThat(told).anyMatch(t -> t.startsWith("6 ")).anyMatch(t -> t.startsWith("suppressed"))
                .anyMatch(t -> t.startsWith("area-too-small"));
    }

    @Test
    void theOwnersFigureCountsDistinctContactableOwnersInTheTouchedCellsAndIsWithheldBelowTheMinimum() {
        GeoPoint middle = within(cell, 0.5, 0.5);
        UUID many = UUID.randomUUID();
        for (int i = 0; i < 6; i++) {
            insert(middle, many, true); // one owner, six cameras
        }
        insert(middle, UUID.randomUUID(), false); // does not want to be contacted
        Area tiny = new Circle(middle, 1);
        assertThat(registry.coarseOwners(tiny, "kcpd")).isEqualTo(new CoarseCount(0, true, 5, 1));
        for (int i = 0; i < 4; i++) {
            insert(within(cell, 0.1 * (i + 1), 0.9), UUID.randomUUID(), true);
        }
        assertThat(registry.coarseOwners(tiny, "KCPD")).isEqualTo(new CoarseCount(5, false, 5, 1));
    }

    /** Shrinking circles, bisected rectangles and shifted circles around a guess, as the attackers of the ITs. */
    private static List<Area> attackerAreas(GeoPoint guess) {
        List<Area> areas = new ArrayList<>();
        for (double radius : new double[] {450, 300, 200, 100, 50, 20, 5, 1, 0.01}) {
            areas.add(new Circle(guess, radius));
        }
        Random random = new Random(5);
        for (int i = 0; i < 60; i++) {
            double half = 2 + random.nextDouble() * 400;
            double dy = (random.nextDouble() - 0.5) * half;
            double dx = (random.nextDouble() - 0.5) * half;
            areas.add(box(guess, dy - half, dx - half, dy + half, dx + half));
        }
        for (int k = -5; k <= 5; k++) {
            areas.add(new Circle(offset(guess, 0, 20 * k), 300));
        }
        return areas;
    }

    private List<String> answers(List<Area> areas) {
        List<String> told = new ArrayList<>();
        for (Area area : areas) {
            Throwable refused = catchThrowable(() -> {
                CellCount count = registry.agencyCount("KCPD", area, UUID.randomUUID());
                told.add((count.suppressed() ? "suppressed" : count.cameras() + "") + " " + count.cells());
            });
            if (refused != null) {
                told.add(((ProblemException) refused).problem().type().toString().replaceAll(".*:", ""));
            }
        }
        return told;
    }

    private static GeoPoint within(CoarseCells.Cell cell, double north, double east) {
        return new GeoPoint(cell.south() + north * (cell.north() - cell.south()),
                cell.west() + east * (cell.east() - cell.west()));
    }

    private static GeoPoint offset(GeoPoint p, double northMeters, double eastMeters) {
        return new GeoPoint(p.latitude() + northMeters / 111_195.0,
                p.longitude() + eastMeters / (111_195.0 * Math.cos(Math.toRadians(p.latitude()))));
    }

    private static Polygon box(GeoPoint p, double south, double west, double north, double east) {
        return new Polygon(List.of(offset(p, south, west), offset(p, south, east), offset(p, north, east),
                offset(p, north, west)));
    }

    private void move(UUID camera, GeoPoint to) {
        database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE registry.camera SET latitude = ?, longitude = ?, cell = ? WHERE id = ?")) {
                update.setDouble(1, to.latitude());
                update.setDouble(2, to.longitude());
                update.setLong(3, Grid.cell(to.latitude(), to.longitude()));
                update.setObject(4, camera);
                update.executeUpdate();
            }
            ActiveCameraIndex.changed(c, Instant.now(), List.of(camera));
            return null;
        });
    }

    private UUID insert(GeoPoint at, UUID owner, boolean contactOk) {
        return database.inTransaction(c -> KcpdCameras.insert(c, at, owner, contactOk, false));
    }
}
