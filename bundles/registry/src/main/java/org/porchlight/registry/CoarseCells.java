package org.porchlight.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;

/**
 * The fixed grid of coarse cells (about 150 m each way) on which agencies see where cameras are:
 * the grid {@link Grid#snap} places a camera on, and the only grain at which agency-visible
 * figures (counts, owners asked) are answered. Rows are fixed bands of latitude of 150 m; each
 * row is cut into columns as wide in metres as the row is tall, measured at the row's middle
 * latitude. A cell is named by its row and column, counted from 90° S and 180° W.
 */
final class CoarseCells {

    static final double CELL_METERS = Grid.COARSE_METERS;
    static final double LAT_DEG = CELL_METERS / (Math.PI / 180 * AreaGeometry.EARTH_RADIUS_M);

    /** One coarse cell, with its bounds in degrees. */
    record Cell(long row, long column) {

        static final Comparator<Cell> ORDER = Comparator.comparingLong(Cell::row).thenComparingLong(Cell::column);

        double south() {
            return row * LAT_DEG - 90;
        }

        double north() {
            return (row + 1) * LAT_DEG - 90;
        }

        double west() {
            return column * lonDeg(row) - 180;
        }

        double east() {
            return (column + 1) * lonDeg(row) - 180;
        }

        /** The cell as an area, for geometric tests. */
        Polygon outline() {
            return new Polygon(List.of(new GeoPoint(south(), west()), new GeoPoint(south(), east()),
                    new GeoPoint(north(), east()), new GeoPoint(north(), west())));
        }
    }

    private CoarseCells() {
    }

    /** The cell holding a point. */
    static Cell of(GeoPoint point) {
        long row = (long) Math.floor((point.latitude() + 90) / LAT_DEG);
        long column = (long) Math.floor((point.longitude() + 180) / lonDeg(row));
        return new Cell(row, column);
    }

    /** The width in degrees of longitude of the cells of a row: as many metres as a row is tall, at its middle. */
    static double lonDeg(long row) {
        double middle = Math.min(90, (row + 0.5) * LAT_DEG - 90);
        return LAT_DEG / Math.max(0.01, Math.cos(Math.toRadians(middle)));
    }

    /**
     * Every cell the area covers or touches, in order: an answer about them depends on which
     * cells these are, never on where inside them the area's edges run. At most {@code limit}
     * cells are looked at; {@code null} beyond that.
     */
    static Set<Cell> touched(Area area, int limit) {
        double[] box = AreaGeometry.bounds(area);
        long firstRow = (long) Math.floor((box[0] + 90) / LAT_DEG);
        long lastRow = (long) Math.floor((box[2] + 90) / LAT_DEG);
        Predicate<Area> meets = AreaGeometry.intersection(area);
        Set<Cell> cells = new TreeSet<>(Cell.ORDER);
        long looked = 0;
        for (long row = firstRow; row <= lastRow; row++) {
            double lonDeg = lonDeg(row);
            long firstColumn = (long) Math.floor((box[1] + 180) / lonDeg);
            long lastColumn = (long) Math.floor((box[3] + 180) / lonDeg);
            looked += lastColumn - firstColumn + 1;
            if (looked > limit) {
                return null;
            }
            for (long column = firstColumn; column <= lastColumn; column++) {
                Cell cell = new Cell(row, column);
                if (meets.test(cell.outline())) {
                    cells.add(cell);
                }
            }
        }
        return cells;
    }

    /** The smallest box {minLat, minLon, maxLat, maxLon} holding the cells. */
    static double[] bounds(Set<Cell> cells) {
        double[] box = {90, 180, -90, -180};
        for (Cell cell : cells) {
            box[0] = Math.min(box[0], cell.south());
            box[1] = Math.min(box[1], cell.west());
            box[2] = Math.max(box[2], cell.north());
            box[3] = Math.max(box[3], cell.east());
        }
        return box;
    }

    /** The box as an area: what the index is asked for before points are sorted into cells. */
    static Area box(Set<Cell> cells) {
        double[] b = bounds(cells);
        return new Polygon(List.of(new GeoPoint(b[0], b[1]), new GeoPoint(b[0], b[3]), new GeoPoint(b[2], b[3]),
                new GeoPoint(b[2], b[1])));
    }

    /** The cells as a list in order, for answers. */
    static List<Cell> listed(Set<Cell> cells) {
        List<Cell> listed = new ArrayList<>(cells);
        listed.sort(Cell.ORDER);
        return listed;
    }
}
