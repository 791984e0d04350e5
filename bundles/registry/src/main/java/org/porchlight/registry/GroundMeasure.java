package org.porchlight.registry;

import org.osgi.service.component.annotations.Component;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.AreaMeasure;
import org.porchlight.api.geo.GeoPoint;

/** The registry's geometry for other bundles, so that limits they check match what it matches. */
@Component
public class GroundMeasure implements AreaMeasure {

    @Override
    public double squareMeters(Area area) {
        return AreaGeometry.squareMeters(area);
    }

    @Override
    public boolean within(Area inner, Area outer) {
        return AreaGeometry.within(inner, outer);
    }

    @Override
    public boolean intersects(Area a, Area b) {
        return AreaGeometry.intersects(a, b);
    }

    @Override
    public boolean contains(Area area, GeoPoint point) {
        return AreaGeometry.contains(area, point);
    }

    @Override
    public GeoPoint center(Area area) {
        return AreaGeometry.center(area);
    }
}
