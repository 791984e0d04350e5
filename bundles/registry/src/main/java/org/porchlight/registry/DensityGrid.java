package org.porchlight.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * The fixed grids of the public density map: one per cell size in {@link #LEVELS}, each aligned
 * on the globe rather than on the asked box, so that moving, shrinking or overlapping boxes only
 * ever show the same cells. Rows are bands of latitude; each row's columns are about as wide in
 * metres as the row is tall.
 */
record DensityGrid(int meters, double latStep) {

    /** The cell sizes the map is published at, metres. A request is answered at the next size up. */
    static final int[] LEVELS = {250, 500, 1000, 2000, 4000};

    private static final double METERS_PER_DEGREE = Math.PI / 180 * AreaGeometry.EARTH_RADIUS_M;

    /** One cell: its row and column on the grid. */
    record Cell(long row, long column) {
    }

    /** The grid for a requested cell size: the smallest level at least as large, or the largest. */
    static DensityGrid forRequested(int requestedMeters) {
        for (int level : LEVELS) {
            if (level >= requestedMeters) {
                return of(level);
            }
        }
        return of(LEVELS[LEVELS.length - 1]);
    }

    static DensityGrid of(int meters) {
        return new DensityGrid(meters, meters / METERS_PER_DEGREE);
    }

    /** Every level's grid. */
    static List<DensityGrid> all() {
        List<DensityGrid> grids = new ArrayList<>();
        for (int level : LEVELS) {
            grids.add(of(level));
        }
        return grids;
    }

    Cell cellOf(double latitude, double longitude) {
        long row = (long) Math.floor((latitude + 90) / latStep);
        return new Cell(row, (long) Math.floor((longitude + 180) / lonStep(row)));
    }

    double lonStep(long row) {
        double middle = (row + 0.5) * latStep - 90;
        return latStep / Math.max(0.01, Math.cos(Math.toRadians(middle)));
    }

    double south(long row) {
        return row * latStep - 90;
    }

    double west(Cell cell) {
        return cell.column() * lonStep(cell.row()) - 180;
    }

    /** How many cells touch the box {minLat, minLon, maxLat, maxLon}, without listing them. */
    long count(double[] box) {
        long total = 0;
        for (long row = firstRow(box); row <= lastRow(box); row++) {
            total += lastColumn(box, row) - firstColumn(box, row) + 1;
        }
        return total;
    }

    /** The cells that touch the box {minLat, minLon, maxLat, maxLon}, row by row. */
    List<Cell> cells(double[] box) {
        List<Cell> cells = new ArrayList<>();
        for (long row = firstRow(box); row <= lastRow(box); row++) {
            for (long column = firstColumn(box, row); column <= lastColumn(box, row); column++) {
                cells.add(new Cell(row, column));
            }
        }
        return cells;
    }

    long firstRow(double[] box) {
        return (long) Math.floor((box[0] + 90) / latStep);
    }

    long lastRow(double[] box) {
        return (long) Math.floor((box[2] + 90) / latStep);
    }

    long firstColumn(double[] box, long row) {
        return (long) Math.floor((box[1] + 180) / lonStep(row));
    }

    long lastColumn(double[] box, long row) {
        return (long) Math.floor((box[3] + 180) / lonStep(row));
    }
}
