package org.porchlight.registry;

import java.util.ArrayList;
import java.util.List;

import org.porchlight.api.geo.GeoPoint;

/**
 * The index grid (0.0025°, about 280 m north-south) keys each camera by one number, so that an
 * area query reads a few cells by index instead of scanning a whole band of latitude.
 */
final class Grid {

    static final double INDEX_DEG = 0.0025;
    /** The coarse grid agencies see locations on: about 150 m each way. */
    static final double COARSE_METERS = 150;
    private static final double COARSE_LAT_DEG = COARSE_METERS / (Math.PI / 180 * AreaGeometry.EARTH_RADIUS_M);
    private static final long LON_CELLS = Math.round(360 / INDEX_DEG) + 2;

    private Grid() {
    }

    static long cell(double latitude, double longitude) {
        long row = (long) Math.floor((latitude + 90) / INDEX_DEG);
        long column = (long) Math.floor((longitude + 180) / INDEX_DEG);
        return row * LON_CELLS + column;
    }

    /**
     * The centre of the coarse cell (about 150 m by 150 m) holding a point. Rows are fixed bands
     * of latitude; each row's columns are as wide in metres as the row is tall, so a snapped
     * point never moves more than about 106 m and the same camera always snaps to the same spot.
     */
    static GeoPoint snap(GeoPoint point) {
        double row = Math.floor((point.latitude() + 90) / COARSE_LAT_DEG);
        double latitude = Math.min(90, (row + 0.5) * COARSE_LAT_DEG - 90);
        double lonDeg = COARSE_LAT_DEG / Math.max(0.01, Math.cos(Math.toRadians(latitude)));
        double column = Math.floor((point.longitude() + 180) / lonDeg);
        double longitude = Math.min(180, (column + 0.5) * lonDeg - 180);
        return new GeoPoint(latitude, longitude);
    }

    /** The index cells that cover a bounding box {minLat, minLon, maxLat, maxLon}. */
    static List<Long> cells(double[] box) {
        long firstRow = (long) Math.floor((box[0] + 90) / INDEX_DEG);
        long lastRow = (long) Math.floor((box[2] + 90) / INDEX_DEG);
        long firstColumn = (long) Math.floor((box[1] + 180) / INDEX_DEG);
        long lastColumn = (long) Math.floor((box[3] + 180) / INDEX_DEG);
        List<Long> cells = new ArrayList<>();
        for (long row = firstRow; row <= lastRow; row++) {
            for (long column = firstColumn; column <= lastColumn; column++) {
                cells.add(row * LON_CELLS + column);
            }
        }
        return cells;
    }
}
