package org.porchlight.api.geo;

/**
 * A bounded area on the ground: a {@link Circle} or a {@link Polygon}. In JSON an area carries
 * its kind in a {@code type} member ({@code "circle"} or {@code "polygon"}).
 */
public sealed interface Area permits Circle, Polygon {
}
