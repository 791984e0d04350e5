package org.porchlight.identity;

import java.util.ArrayList;
import java.util.List;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;

/**
 * Whether two jurisdictions share ground: more than a border. Areas are projected onto a plane in
 * metres around their latitude (exact enough at the size of cities and counties), and anything
 * within {@value #BORDER_METERS} m of a border counts as the border, so that neighbours whose
 * boundaries were drawn along the same line do not overlap.
 */
final class JurisdictionOverlap {

    static final double BORDER_METERS = 1.0;
    private static final double EARTH_RADIUS = 6_371_008.8;

    /** A point on the plane, in metres. */
    private record P(double x, double y) {
    }

    private final double cosLatitude;

    private JurisdictionOverlap(double latitude) {
        this.cosLatitude = Math.cos(Math.toRadians(latitude));
    }

    /** Whether {@code a} and {@code b} share more than a border. */
    static boolean overlap(Area a, Area b) {
        JurisdictionOverlap plane = new JurisdictionOverlap(anyPoint(a).latitude());
        if (a instanceof Circle ca && b instanceof Circle cb) {
            return distance(plane.p(ca.center()), plane.p(cb.center())) < ca.radiusMeters() + cb.radiusMeters() - BORDER_METERS;
        }
        if (a instanceof Circle circle && b instanceof Polygon polygon) {
            return plane.overlap(circle, polygon);
        }
        if (a instanceof Polygon polygon && b instanceof Circle circle) {
            return plane.overlap(circle, polygon);
        }
        return plane.overlap((Polygon) a, (Polygon) b);
    }

    private boolean overlap(Circle circle, Polygon polygon) {
        P center = p(circle.center());
        List<P> ring = ring(polygon);
        double border = distanceToBorder(center, ring);
        return inside(center, ring) && border > BORDER_METERS || border < circle.radiusMeters() - BORDER_METERS;
    }

    private boolean overlap(Polygon a, Polygon b) {
        List<P> ra = ring(a);
        List<P> rb = ring(b);
        for (int i = 0; i < ra.size(); i++) {
            for (int j = 0; j < rb.size(); j++) {
                if (cross(ra.get(i), ra.get((i + 1) % ra.size()), rb.get(j), rb.get((j + 1) % rb.size()))) {
                    return true;
                }
            }
        }
        List<P> probesA = new ArrayList<>(ra);
        probesA.add(interiorPoint(ra));
        List<P> probesB = new ArrayList<>(rb);
        probesB.add(interiorPoint(rb));
        return probesA.stream().anyMatch(p -> deepInside(p, rb)) || probesB.stream().anyMatch(p -> deepInside(p, ra));
    }

    private static boolean deepInside(P p, List<P> ring) {
        return inside(p, ring) && distanceToBorder(p, ring) > BORDER_METERS;
    }

    /** Whether segments ab and cd cross at a point inside both (not at an end, not along a shared line). */
    private static boolean cross(P a, P b, P c, P d) {
        double rx = b.x() - a.x();
        double ry = b.y() - a.y();
        double sx = d.x() - c.x();
        double sy = d.y() - c.y();
        double denominator = rx * sy - ry * sx;
        if (Math.abs(denominator) < 1e-9) {
            return false; // parallel: at most a shared stretch of border
        }
        double t = ((c.x() - a.x()) * sy - (c.y() - a.y()) * sx) / denominator;
        double u = ((c.x() - a.x()) * ry - (c.y() - a.y()) * rx) / denominator;
        double lengthA = Math.hypot(rx, ry);
        double lengthC = Math.hypot(sx, sy);
        // Crossing further than the border tolerance from every end of both segments.
        return t * lengthA > BORDER_METERS && (1 - t) * lengthA > BORDER_METERS
                && u * lengthC > BORDER_METERS && (1 - u) * lengthC > BORDER_METERS;
    }

    /** Even-odd rule. */
    private static boolean inside(P p, List<P> ring) {
        boolean in = false;
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            P a = ring.get(i);
            P b = ring.get(j);
            if ((a.y() > p.y()) != (b.y() > p.y()) && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                in = !in;
            }
        }
        return in;
    }

    private static double distanceToBorder(P p, List<P> ring) {
        double nearest = Double.MAX_VALUE;
        for (int i = 0; i < ring.size(); i++) {
            nearest = Math.min(nearest, distanceToSegment(p, ring.get(i), ring.get((i + 1) % ring.size())));
        }
        return nearest;
    }

    private static double distanceToSegment(P p, P a, P b) {
        double dx = b.x() - a.x();
        double dy = b.y() - a.y();
        double length2 = dx * dx + dy * dy;
        double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, ((p.x() - a.x()) * dx + (p.y() - a.y()) * dy) / length2));
        return Math.hypot(p.x() - (a.x() + t * dx), p.y() - (a.y() + t * dy));
    }

    /** A point inside the ring: the middle of the first stretch inside along a line across its middle height. */
    private static P interiorPoint(List<P> ring) {
        double low = ring.stream().mapToDouble(P::y).min().orElseThrow();
        double high = ring.stream().mapToDouble(P::y).max().orElseThrow();
        double y = low + (high - low) * 0.5000123; // off any vertex's height
        List<Double> xs = new ArrayList<>();
        for (int i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
            P a = ring.get(i);
            P b = ring.get(j);
            if ((a.y() > y) != (b.y() > y)) {
                xs.add((b.x() - a.x()) * (y - a.y()) / (b.y() - a.y()) + a.x());
            }
        }
        xs.sort(null);
        return xs.size() < 2 ? ring.get(0) : new P((xs.get(0) + xs.get(1)) / 2, y);
    }

    private List<P> ring(Polygon polygon) {
        List<P> ring = new ArrayList<>();
        for (GeoPoint vertex : polygon.vertices()) {
            P p = p(vertex);
            if (ring.isEmpty() || !ring.get(ring.size() - 1).equals(p)) {
                ring.add(p);
            }
        }
        if (ring.size() > 1 && ring.get(0).equals(ring.get(ring.size() - 1))) {
            ring.remove(ring.size() - 1);
        }
        return ring;
    }

    private P p(GeoPoint point) {
        return new P(EARTH_RADIUS * Math.toRadians(point.longitude()) * cosLatitude,
                EARTH_RADIUS * Math.toRadians(point.latitude()));
    }

    private static GeoPoint anyPoint(Area area) {
        return area instanceof Circle circle ? circle.center() : ((Polygon) area).vertices().get(0);
    }

    private static double distance(P a, P b) {
        return Math.hypot(a.x() - b.x(), a.y() - b.y());
    }
}
