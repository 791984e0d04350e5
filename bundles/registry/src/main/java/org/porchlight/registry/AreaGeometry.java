package org.porchlight.registry;

import java.util.List;
import java.util.function.Predicate;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;

/**
 * Areas measured and compared on the ground, with JTS in a local plane: an equirectangular
 * projection around a reference latitude, in metres. Accurate to well under 1% at the scale of a
 * city, which is the scale of every area Porchlight handles.
 */
final class AreaGeometry {

    static final double EARTH_RADIUS_M = 6_371_008.8;
    private static final double M_PER_DEG = Math.PI / 180 * EARTH_RADIUS_M;
    private static final GeometryFactory JTS = new GeometryFactory();
    private static final int CIRCLE_SEGMENTS = 32;

    private AreaGeometry() {
    }

    /** The bounding box, in degrees: {minLat, minLon, maxLat, maxLon}. */
    static double[] bounds(Area area) {
        if (area instanceof Circle c) {
            double dLat = c.radiusMeters() / M_PER_DEG;
            double dLon = c.radiusMeters() / (M_PER_DEG * Math.cos(Math.toRadians(c.center().latitude())));
            return new double[] {c.center().latitude() - dLat, c.center().longitude() - dLon, c.center().latitude() + dLat,
                    c.center().longitude() + dLon};
        }
        List<GeoPoint> vertices = ((Polygon) area).vertices();
        double[] box = {90, 180, -90, -180};
        for (GeoPoint p : vertices) {
            box[0] = Math.min(box[0], p.latitude());
            box[1] = Math.min(box[1], p.longitude());
            box[2] = Math.max(box[2], p.latitude());
            box[3] = Math.max(box[3], p.longitude());
        }
        return box;
    }

    /** Whether the point lies in the area (on the boundary counts as inside). */
    static boolean contains(Area area, GeoPoint point) {
        if (area instanceof Circle c) {
            return distanceMeters(c.center(), point) <= c.radiusMeters();
        }
        double lat0 = referenceLatitude(area);
        return geometry(area, lat0).covers(JTS.createPoint(project(point, lat0)));
    }

    /** A test of many points against one area: the geometry is built and prepared once. */
    static Predicate<GeoPoint> containment(Area area) {
        if (area instanceof Circle c) {
            return point -> distanceMeters(c.center(), point) <= c.radiusMeters();
        }
        double lat0 = referenceLatitude(area);
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(geometry(area, lat0));
        return point -> prepared.covers(JTS.createPoint(project(point, lat0)));
    }

    /**
     * A test of many areas (coarse cells) for whether they share a point with one area, edges
     * included; everything is projected around the area's own reference latitude.
     */
    static Predicate<Area> intersection(Area area) {
        double lat0 = referenceLatitude(area);
        PreparedGeometry prepared = PreparedGeometryFactory.prepare(geometry(area, lat0));
        return other -> prepared.intersects(geometry(other, lat0));
    }

    /** The area's surface in square metres. */
    static double squareMeters(Area area) {
        if (area instanceof Circle c) {
            return Math.PI * c.radiusMeters() * c.radiusMeters();
        }
        return geometry(area, referenceLatitude(area)).getArea();
    }

    /** Whether {@code inner} lies entirely within {@code outer}. */
    static boolean within(Area inner, Area outer) {
        double lat0 = referenceLatitude(outer);
        return geometry(outer, lat0).covers(geometry(inner, lat0));
    }

    /**
     * Whether the two areas share a point, edges included. A circle is measured from its centre rather than as the
     * polygon that approximates it elsewhere, so that circles that only touch are found to touch.
     */
    static boolean intersects(Area a, Area b) {
        if (a instanceof Circle ca && b instanceof Circle cb) {
            return distanceMeters(ca.center(), cb.center()) <= ca.radiusMeters() + cb.radiusMeters();
        }
        if (a instanceof Circle c) {
            return intersects(b, c);
        }
        double lat0 = referenceLatitude(a);
        Geometry first = geometry(a, lat0);
        if (b instanceof Circle c) {
            return first.isWithinDistance(JTS.createPoint(project(c.center(), lat0)), c.radiusMeters());
        }
        return first.intersects(geometry(b, lat0));
    }

    /** A point inside the area near its middle. */
    static GeoPoint center(Area area) {
        if (area instanceof Circle c) {
            return c.center();
        }
        double lat0 = referenceLatitude(area);
        Coordinate inside = geometry(area, lat0).getInteriorPoint().getCoordinate();
        return new GeoPoint(inside.y / M_PER_DEG, inside.x / (M_PER_DEG * Math.cos(Math.toRadians(lat0))));
    }

    /** Great-circle distance (haversine). */
    static double distanceMeters(GeoPoint a, GeoPoint b) {
        double dLat = Math.toRadians(b.latitude() - a.latitude());
        double dLon = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.sin(dLat / 2) * Math.sin(dLat / 2) + Math.cos(Math.toRadians(a.latitude()))
                * Math.cos(Math.toRadians(b.latitude())) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
    }

    private static double referenceLatitude(Area area) {
        double[] box = bounds(area);
        return (box[0] + box[2]) / 2;
    }

    private static Coordinate project(GeoPoint p, double lat0) {
        return new Coordinate(p.longitude() * M_PER_DEG * Math.cos(Math.toRadians(lat0)), p.latitude() * M_PER_DEG);
    }

    private static Geometry geometry(Area area, double lat0) {
        if (area instanceof Circle c) {
            return JTS.createPoint(project(c.center(), lat0)).buffer(c.radiusMeters(), CIRCLE_SEGMENTS);
        }
        List<GeoPoint> vertices = ((Polygon) area).vertices();
        Coordinate[] ring = new Coordinate[vertices.size() + 1];
        for (int i = 0; i < vertices.size(); i++) {
            ring[i] = project(vertices.get(i), lat0);
        }
        ring[vertices.size()] = ring[0];
        LinearRing shell = JTS.createLinearRing(ring);
        Geometry polygon = JTS.createPolygon(shell);
        // A self-intersecting outline is read as the area it encloses rather than refused.
        return polygon.isValid() ? polygon : polygon.buffer(0);
    }
}
