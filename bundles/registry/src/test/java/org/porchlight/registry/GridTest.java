package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.GeoPoint;

class GridTest {

    @Test
    void snappingMovesAPointToItsCellCentreAndNoFurtherThanHalfADiagonal() {
        Random random = new Random(7);
        Set<GeoPoint> centres = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            GeoPoint point = new GeoPoint(39.0 + random.nextDouble() * 0.2, -94.7 + random.nextDouble() * 0.2);
            GeoPoint snapped = Grid.snap(point);
            // Half the diagonal of a 150 m square is 106 m.
            assertThat(AreaGeometry.distanceMeters(point, snapped)).isLessThanOrEqualTo(106.2);
            // Snapping is stable: a centre snaps to itself.
            assertThat(Grid.snap(snapped)).isEqualTo(snapped);
            centres.add(snapped);
        }
        // 0.2 x 0.2 degrees at 39 N is about 22 km x 17 km: some 17,000 cells of 150 m, so 10,000
        // random points share cells rather than keeping their own positions.
        assertThat(centres.size()).isBetween(5_000, 9_000);
    }

    @Test
    void nearbyPointsInOneCellBecomeIndistinguishable() {
        GeoPoint centre = Grid.snap(new GeoPoint(39.0997, -94.5786));
        assertThat(Grid.snap(new GeoPoint(centre.latitude() + 0.0003, centre.longitude() - 0.0003))).isEqualTo(centre);
    }
}
