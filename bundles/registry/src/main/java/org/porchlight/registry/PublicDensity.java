package org.porchlight.registry;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.StorageException;

/**
 * The public density map's rules. It counts distinct owners, not cameras, on fixed grids; takes
 * one snapshot of them per period; adds to each cell's count a noise drawn once per cell and
 * period ({@link DensityNoise}); and shows a cell only if its noisy figure reaches the floor.
 * Every cell a box touches gets its noise, empty ones too, so a cell shown says nothing certain.
 */
final class PublicDensity {

    /** What the map is configured with: floor, epsilon of each figure, period length, most cells per answer. */
    record Settings(int minimum, double epsilon, int periodDays, int maxCells) {
    }

    /** 1970-01-05, the first Monday of the epoch, as a day number. */
    private static final long FIRST_MONDAY = 4;

    private final DensityRows rows;
    private final Supplier<Instant> activeSince;
    private final Clock clock;
    private final Settings settings;
    private volatile byte[] key;

    PublicDensity(DensityRows rows, Supplier<Instant> activeSince, Clock clock, Settings settings) {
        this.rows = rows;
        this.activeSince = activeSince;
        this.clock = clock;
        this.settings = settings;
    }

    /** The map of the cells that touch the box {minLat, minLon, maxLat, maxLon}, on the grid for {@code requestedMeters}. */
    Registry.DensityMap map(double[] box, int requestedMeters) {
        DensityGrid grid = DensityGrid.forRequested(requestedMeters);
        long count = grid.count(box);
        if (count > settings.maxCells()) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, String.format(Locale.ROOT,
                    "The box holds %d cells of %d m; at most %d: use larger cells or a smaller box.", count, grid.meters(),
                    settings.maxCells())).withErrors(List.of(new Problem.FieldError("cell", "too small for this box"))));
        }
        long period = period(clock.instant());
        ensureSnapshot(period);
        List<DensityGrid.Cell> cells = grid.cells(box);
        long[] rowRange = {grid.firstRow(box), grid.lastRow(box)};
        long[] columnRange = {Long.MAX_VALUE, Long.MIN_VALUE};
        for (DensityGrid.Cell cell : cells) {
            columnRange[0] = Math.min(columnRange[0], cell.column());
            columnRange[1] = Math.max(columnRange[1], cell.column());
        }
        Map<DensityGrid.Cell, Integer> owners = cells.isEmpty() ? Map.of()
                : rows.owners(period, grid.meters(), rowRange, columnRange);
        DensityNoise noise = new DensityNoise(key(), settings.epsilon());
        List<Registry.DensityMap.Cell> shown = new ArrayList<>();
        for (DensityGrid.Cell cell : cells) {
            long figure = owners.getOrDefault(cell, 0) + noise.draw(period, grid.meters(), cell);
            if (figure >= settings.minimum()) {
                double south = grid.south(cell.row());
                double west = grid.west(cell);
                shown.add(new Registry.DensityMap.Cell(south, west, south + grid.latStep(), west + grid.lonStep(cell.row()),
                        figure));
            }
        }
        shown.sort(Comparator.comparingDouble(Registry.DensityMap.Cell::south)
                .thenComparingDouble(Registry.DensityMap.Cell::west));
        return new Registry.DensityMap(grid.meters(), settings.minimum(), settings.epsilon(), periodStart(period).toString(),
                shown);
    }

    /** The period an instant falls in: days since Monday 1970-01-05 (UTC) divided by the period's length (7: ISO weeks). */
    long period(Instant at) {
        return Math.floorDiv(Math.floorDiv(at.getEpochSecond(), 86_400L) - FIRST_MONDAY, (long) settings.periodDays());
    }

    LocalDate periodStart(long period) {
        return LocalDate.ofEpochDay(period * settings.periodDays() + FIRST_MONDAY);
    }

    /** Distinct owners per cell of every published grid: an owner with many cameras in a cell counts once there. */
    static Map<DensityRows.GridCell, Integer> distinctOwners(List<DensityRows.OwnedPoint> points) {
        Map<DensityRows.GridCell, Integer> counts = new HashMap<>();
        for (DensityGrid grid : DensityGrid.all()) {
            Set<List<Object>> seen = new HashSet<>();
            for (DensityRows.OwnedPoint point : points) {
                DensityGrid.Cell cell = grid.cellOf(point.latitude(), point.longitude());
                if (seen.add(List.of(cell, point.owner()))) {
                    counts.merge(new DensityRows.GridCell(grid.meters(), cell), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private void ensureSnapshot(long period) {
        if (rows.taken(period)) {
            return;
        }
        Map<DensityRows.GridCell, Integer> owners = distinctOwners(rows.activeOwners(activeSince.get()));
        try {
            rows.take(period, clock.instant(), owners);
        } catch (StorageException e) {
            if (!rows.taken(period)) {
                throw e;
            } // else another node took this period's snapshot first: its figures are the ones shown
        }
    }

    private byte[] key() {
        byte[] known = key;
        if (known == null) {
            known = rows.key();
            key = known;
        }
        return known;
    }
}
