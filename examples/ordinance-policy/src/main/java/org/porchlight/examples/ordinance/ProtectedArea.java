package org.porchlight.examples.ordinance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;

/**
 * A place the ordinance keeps requests away from, e.g. a protest route or an assembly zone.
 *
 * @param name what the city calls it; shown to the officer whose request touches it
 * @param area where it is
 */
public record ProtectedArea(String name, Area area) {

    public ProtectedArea {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(area, "area");
    }

    /**
     * The areas of the setting {@code protectedAreas}, separated by {@code ;}: {@code name: circle lat,lon radiusMeters}
     * or {@code name: polygon lat,lon lat,lon lat,lon ...}.
     *
     * @throws IllegalArgumentException naming the entry that is not one of these
     */
    public static List<ProtectedArea> parseAll(String setting) {
        List<ProtectedArea> areas = new ArrayList<>();
        for (String entry : setting.split(";")) {
            if (!entry.isBlank()) {
                areas.add(parse(entry.trim()));
            }
        }
        return List.copyOf(areas);
    }

    private static ProtectedArea parse(String entry) {
        int colon = entry.indexOf(':');
        String[] shape = colon < 0 ? new String[0] : entry.substring(colon + 1).trim().split("\\s+");
        if (colon < 1 || shape.length < 3) {
            throw new IllegalArgumentException("protected area '" + entry + "': expected 'name: circle lat,lon radiusMeters' "
                    + "or 'name: polygon lat,lon lat,lon lat,lon ...'");
        }
        String name = entry.substring(0, colon).trim();
        try {
            return switch (shape[0]) {
                case "circle" -> {
                    if (shape.length != 3) {
                        throw new IllegalArgumentException("a circle is a centre and a radius");
                    }
                    yield new ProtectedArea(name, new Circle(point(shape[1]), Double.parseDouble(shape[2])));
                }
                case "polygon" -> {
                    List<GeoPoint> corners = new ArrayList<>();
                    for (int i = 1; i < shape.length; i++) {
                        corners.add(point(shape[i]));
                    }
                    yield new ProtectedArea(name, new Polygon(corners));
                }
                default -> throw new IllegalArgumentException("the shape is 'circle' or 'polygon', not '" + shape[0] + "'");
            };
        } catch (IllegalArgumentException e) { // NumberFormatException too, and the SDK's own checks of the shape
            throw new IllegalArgumentException("protected area '" + name + "': " + e.getMessage(), e);
        }
    }

    private static GeoPoint point(String latLon) {
        String[] parts = latLon.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + latLon + "' is not latitude,longitude");
        }
        return new GeoPoint(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
    }
}
