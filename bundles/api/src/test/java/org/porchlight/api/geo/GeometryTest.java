package org.porchlight.api.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class GeometryTest {

    @Test
    void pointOutsideTheGlobeIsRefusedWithTheOffendingValue() {
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(90.5, 0)).withMessageContaining("90.5");
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(0, -180.1)).withMessageContaining("longitude");
        assertThatIllegalArgumentException().isThrownBy(() -> new GeoPoint(Double.NaN, 0)).withMessageContaining("latitude");
    }

    @Test
    void circleNeedsAPositiveFiniteRadius() {
        GeoPoint kc = new GeoPoint(39.0997, -94.5786);
        assertThat(new Circle(kc, 250).radiusMeters()).isEqualTo(250);
        assertThatIllegalArgumentException().isThrownBy(() -> new Circle(kc, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new Circle(kc, Double.POSITIVE_INFINITY));
    }

    @Test
    void polygonNeedsThreeDistinctVerticesAndKeepsItsOwnCopy() {
        GeoPoint a = new GeoPoint(39.0, -94.0);
        GeoPoint b = new GeoPoint(39.1, -94.0);
        GeoPoint c = new GeoPoint(39.1, -94.1);
        assertThatIllegalArgumentException().isThrownBy(() -> new Polygon(List.of(a, b, a)))
                .withMessageContaining("3 distinct");

        List<GeoPoint> vertices = new ArrayList<>(List.of(a, b, c, a));
        Polygon polygon = new Polygon(vertices);
        vertices.clear();
        assertThat(polygon.vertices()).containsExactly(a, b, c, a);
    }
}
