package org.porchlight.api.geo;

import java.util.Objects;

/**
 * All points within {@code radiusMeters} of {@code center}.
 *
 * @param center       the centre
 * @param radiusMeters radius in metres, greater than 0
 */
public record Circle(GeoPoint center, double radiusMeters) implements Area {

    public Circle {
        Objects.requireNonNull(center, "center");
        if (!(radiusMeters > 0) || Double.isInfinite(radiusMeters)) {
            throw new IllegalArgumentException("radiusMeters must be a positive number, got " + radiusMeters);
        }
    }
}
