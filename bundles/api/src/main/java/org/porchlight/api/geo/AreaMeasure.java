package org.porchlight.api.geo;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Areas measured on the ground, so that bundles checking limits (a request's size, whether it
 * lies in a jurisdiction) agree with the registry that matches cameras in them.
 *
 * @since 1.1
 */
@ProviderType
public interface AreaMeasure {

    /** The area's surface in square metres. */
    double squareMeters(Area area);

    /** Whether {@code inner} lies entirely within {@code outer} (touching the edge counts as inside). */
    boolean within(Area inner, Area outer);

    /**
     * Whether the two areas share at least one point: they overlap, one lies in the other, or their edges touch.
     *
     * @since 1.2
     */
    boolean intersects(Area a, Area b);

    /** Whether {@code point} lies in {@code area} (on the edge counts as inside). */
    boolean contains(Area area, GeoPoint point);

    /** A point inside the area near its middle: a circle's centre, a polygon's interior point. */
    GeoPoint center(Area area);
}
