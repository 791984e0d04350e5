package org.porchlight.itests.support;

/**
 * The coarse grid agencies see locations and counts on, worked out here from its definition
 * (rows of 150 m of latitude from 90° S; each row cut into columns as wide in metres as the row is
 * tall at its middle, from 180° W), so that tests can place cameras inside one cell.
 */
public final class CoarseCell {

    public static final double METERS_PER_DEGREE = Math.PI / 180 * 6_371_008.8;
    private static final double LAT_DEG = 150 / METERS_PER_DEGREE;

    private CoarseCell() {
    }

    /** The bounds {south, west, north, east} of the cell holding a point. */
    public static double[] around(double latitude, double longitude) {
        long row = (long) Math.floor((latitude + 90) / LAT_DEG);
        double middle = (row + 0.5) * LAT_DEG - 90;
        double lonDeg = LAT_DEG / Math.cos(Math.toRadians(middle));
        long column = (long) Math.floor((longitude + 180) / lonDeg);
        return new double[] {row * LAT_DEG - 90, column * lonDeg - 180, (row + 1) * LAT_DEG - 90, (column + 1) * lonDeg - 180};
    }

    /** A point {latitude, longitude} at a fraction of the cell's height and width from its south-west corner. */
    public static double[] inside(double[] cell, double north, double east) {
        return new double[] {cell[0] + north * (cell[2] - cell[0]), cell[1] + east * (cell[3] - cell[1])};
    }

    /** Degrees of longitude for some metres east at a latitude. */
    public static double east(double meters, double latitude) {
        return meters / (METERS_PER_DEGREE * Math.cos(Math.toRadians(latitude)));
    }

    /** Degrees of latitude for some metres north. */
    public static double north(double meters) {
        return meters / METERS_PER_DEGREE;
    }
}
