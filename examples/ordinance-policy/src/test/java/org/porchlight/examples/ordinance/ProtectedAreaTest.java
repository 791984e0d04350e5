package org.porchlight.examples.ordinance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;

/** The setting {@code protectedAreas} as the operator writes it. */
class ProtectedAreaTest {

    @Test
    void circlesAndPolygonsAreReadWithTheirNames() {
        List<ProtectedArea> areas = ProtectedArea.parseAll(" City Hall lawn: circle 39.0995,-94.5786 150 ;"
                + "Main Street march route: polygon 39.085,-94.584 39.085,-94.5832 39.1,-94.5832 39.1,-94.584;");

        assertThat(areas).containsExactly(
                new ProtectedArea("City Hall lawn", new Circle(new GeoPoint(39.0995, -94.5786), 150)),
                new ProtectedArea("Main Street march route", new Polygon(List.of(new GeoPoint(39.085, -94.584),
                        new GeoPoint(39.085, -94.5832), new GeoPoint(39.1, -94.5832), new GeoPoint(39.1, -94.584)))));
        assertThat(ProtectedArea.parseAll("  ")).isEmpty();
    }

    @Test
    void anEntryThatIsNotAShapeIsRefusedByName() {
        assertThatThrownBy(() -> ProtectedArea.parseAll("Park: circle 39.1,-94.5 wide")).hasMessageContaining("'Park'");
        assertThatThrownBy(() -> ProtectedArea.parseAll("Park: square 39.1,-94.5 39.2,-94.5 39.2,-94.6"))
                .hasMessageContaining("'circle' or 'polygon'");
        assertThatThrownBy(() -> ProtectedArea.parseAll("Route: polygon 39.1,-94.5 39.2,-94.5")).hasMessageContaining("'Route'");
        assertThatThrownBy(() -> ProtectedArea.parseAll("circle 39.1,-94.5 100")).hasMessageContaining("expected");
        assertThatThrownBy(() -> ProtectedArea.parseAll("Park: circle 39.1;-94.5 100")).hasMessageContaining("expected");
    }
}
