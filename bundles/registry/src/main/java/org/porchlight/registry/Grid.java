package org.porchlight.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * The index grid (0.0025°, about 280 m north-south) keys each camera by one number, so that an
 * area query reads a few cells by index instead of scanning a whole band of latitude.
 */
final class Grid {

    static final double INDEX_DEG = 0.0025;
    private static final long LON_CELLS = Math.round(360 / INDEX_DEG) + 2;

    private Grid() {
    }

    static long cell(double latitude, double longitude) {
        long row = (long) Math.floor((latitude + 90) / INDEX_DEG);
        long column = (long) Math.floor((longitude + 180) / INDEX_DEG);
        return row * LON_CELLS + column;
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
