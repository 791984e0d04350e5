package org.porchlight.api.geo;

import java.util.List;
import java.util.Objects;

/**
 * A simple polygon given by its vertices in order. The ring is closed implicitly: the last
 * vertex connects back to the first, and repeating the first vertex at the end is allowed.
 *
 * @param vertices at least three distinct vertices
 */
public record Polygon(List<GeoPoint> vertices) implements Area {

    public Polygon {
        Objects.requireNonNull(vertices, "vertices");
        vertices = List.copyOf(vertices);
        long distinct = vertices.stream().distinct().count();
        if (distinct < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 distinct vertices, got " + distinct);
        }
    }
}
