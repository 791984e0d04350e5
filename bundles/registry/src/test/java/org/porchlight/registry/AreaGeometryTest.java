package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;

class AreaGeometryTest {

    private static final GeoPoint KC = new GeoPoint(39.0997, -94.5786);
    // About 1 km x 1 km around downtown Kansas City.
    private static final Polygon SQUARE = new Polygon(List.of(new GeoPoint(39.095, -94.584), new GeoPoint(39.095, -94.5724),
            new GeoPoint(39.104, -94.5724), new GeoPoint(39.104, -94.584)));

    @Test
    void distancesAndSurfacesAreThoseOnTheGround() {
        // One degree of latitude is about 111.2 km everywhere.
        assertThat(AreaGeometry.distanceMeters(KC, new GeoPoint(40.0997, -94.5786))).isCloseTo(111_195, within(50.0));
        assertThat(AreaGeometry.squareMeters(new Circle(KC, 1000))).isCloseTo(Math.PI * 1e6, within(1.0));
        // 0.009 deg of latitude (1,000.8 m) by 0.0116 deg of longitude at 39.1 N (1,001.0 m).
        assertThat(AreaGeometry.squareMeters(SQUARE)).isCloseTo(1_001_800, within(5_000.0));
    }

    @Test
    void containmentOfPointsAndAreas() {
        assertThat(AreaGeometry.contains(new Circle(KC, 500), new GeoPoint(39.1040, -94.5786))).isTrue(); // 478 m north
        assertThat(AreaGeometry.contains(new Circle(KC, 500), new GeoPoint(39.1045, -94.5786))).isFalse(); // 534 m
        assertThat(AreaGeometry.contains(SQUARE, KC)).isTrue();
        assertThat(AreaGeometry.contains(SQUARE, new GeoPoint(39.105, -94.578))).isFalse();
        assertThat(AreaGeometry.within(new Circle(KC, 400), SQUARE)).isTrue();
        assertThat(AreaGeometry.within(new Circle(KC, 800), SQUARE)).isFalse();
        assertThat(AreaGeometry.within(SQUARE, new Circle(KC, 20_000))).isTrue();
    }

    @Test
    void areasIntersectWhenTheyOverlapTouchOrOneHoldsTheOther() {
        GeoPoint north = new GeoPoint(39.1097, -94.5786); // about 1,112 m north of KC
        double apart = AreaGeometry.distanceMeters(KC, north);
        assertThat(AreaGeometry.intersects(new Circle(KC, 600), new Circle(north, 600))).isTrue();
        assertThat(AreaGeometry.intersects(new Circle(KC, 500), new Circle(north, apart - 500))).as("touching").isTrue();
        assertThat(AreaGeometry.intersects(new Circle(KC, 500), new Circle(north, 500))).as("disjoint").isFalse();
        assertThat(AreaGeometry.intersects(new Circle(KC, 5_000), new Circle(north, 100))).as("one inside").isTrue();

        // The square's north edge is at 39.104, about 478 m north of KC.
        assertThat(AreaGeometry.intersects(SQUARE, new Circle(new GeoPoint(39.108, -94.578), 500))).isTrue();
        assertThat(AreaGeometry.intersects(new Circle(new GeoPoint(39.108, -94.578), 400), SQUARE)).as("disjoint").isFalse();
        assertThat(AreaGeometry.intersects(new Circle(KC, 100), SQUARE)).as("circle inside").isTrue();
        assertThat(AreaGeometry.intersects(SQUARE, new Circle(KC, 20_000))).as("square inside").isTrue();

        Polygon east = new Polygon(List.of(new GeoPoint(39.095, -94.5724), new GeoPoint(39.095, -94.560),
                new GeoPoint(39.104, -94.560), new GeoPoint(39.104, -94.5724)));
        Polygon farEast = new Polygon(List.of(new GeoPoint(39.095, -94.570), new GeoPoint(39.095, -94.560),
                new GeoPoint(39.104, -94.560), new GeoPoint(39.104, -94.570)));
        Polygon inner = new Polygon(List.of(new GeoPoint(39.098, -94.580), new GeoPoint(39.098, -94.576),
                new GeoPoint(39.101, -94.576)));
        assertThat(AreaGeometry.intersects(SQUARE, east)).as("sharing an edge").isTrue();
        assertThat(AreaGeometry.intersects(SQUARE, farEast)).as("disjoint").isFalse();
        assertThat(AreaGeometry.intersects(inner, SQUARE)).as("one inside").isTrue();
    }

    @Test
    void aBoxCoversTheAreaAndTheGridCellsCoverTheBox() {
        double[] box = AreaGeometry.bounds(new Circle(KC, 500));
        assertThat(box[0]).isLessThan(KC.latitude());
        assertThat(box[2]).isGreaterThan(KC.latitude());
        assertThat(Grid.cells(box)).contains(Grid.cell(KC.latitude(), KC.longitude()),
                Grid.cell(box[0], box[1]), Grid.cell(box[2], box[3]));
        assertThat(Grid.cells(box)).hasSizeBetween(9, 25); // 1 km square over 280 m cells
    }

    @Test
    void theCenterOfAnAreaLiesInsideIt() {
        assertThat(AreaGeometry.center(new Circle(KC, 300))).isEqualTo(KC);
        GeoPoint middle = AreaGeometry.center(SQUARE);
        assertThat(middle.latitude()).isCloseTo(39.0995, within(0.0001));
        assertThat(AreaGeometry.contains(SQUARE, middle)).isTrue();
        // An L shape: its interior point is inside even though the box's middle is not.
        Polygon ell = new Polygon(List.of(new GeoPoint(39.09, -94.59), new GeoPoint(39.09, -94.57), new GeoPoint(39.092, -94.57),
                new GeoPoint(39.092, -94.588), new GeoPoint(39.10, -94.588), new GeoPoint(39.10, -94.59)));
        assertThat(AreaGeometry.contains(ell, AreaGeometry.center(ell))).isTrue();
    }
}
