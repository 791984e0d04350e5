package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;

class CoarseCellsTest {

    private static final GeoPoint CAMERA = new GeoPoint(39.0997, -94.5786);

    @Test
    void everyPointLiesInTheCellItIsSortedIntoAndCellsAreAbout150MetresEachWay() {
        Random random = new Random(11);
        for (int i = 0; i < 10_000; i++) {
            GeoPoint p = new GeoPoint(39.0 + random.nextDouble() * 0.2, -94.7 + random.nextDouble() * 0.2);
            CoarseCells.Cell cell = CoarseCells.of(p);
            assertThat(p.latitude()).isBetween(cell.south(), cell.north());
            assertThat(p.longitude()).isBetween(cell.west(), cell.east());
            GeoPoint southWest = new GeoPoint(cell.south(), cell.west());
            assertThat(AreaGeometry.distanceMeters(southWest, new GeoPoint(cell.north(), cell.west()))).isBetween(149.0, 151.0);
            assertThat(AreaGeometry.distanceMeters(southWest, new GeoPoint(cell.south(), cell.east()))).isBetween(148.0, 152.0);
        }
    }

    @Test
    void theCellsAreTheGridOnWhichAgenciesSeeLocations() {
        Random random = new Random(3);
        for (int i = 0; i < 1_000; i++) {
            GeoPoint p = new GeoPoint(39.0 + random.nextDouble() * 0.2, -94.7 + random.nextDouble() * 0.2);
            assertThat(CoarseCells.of(Grid.snap(p))).isEqualTo(CoarseCells.of(p));
        }
    }

    @Test
    void anAreaIsReplacedByEveryCellItCoversOrTouchesWhateverItsShapeInsideThem() {
        CoarseCells.Cell home = CoarseCells.of(CAMERA);
        GeoPoint middle = new GeoPoint((home.south() + home.north()) / 2, (home.west() + home.east()) / 2);
        // A 1 m circle, a 60 m circle and a sliver all inside one cell are all that one cell.
        assertThat(CoarseCells.touched(new Circle(middle, 1), 100)).containsExactly(home);
        assertThat(CoarseCells.touched(new Circle(middle, 60), 100)).containsExactly(home);
        double d = 0.00001;
        Polygon sliver = new Polygon(List.of(middle, new GeoPoint(middle.latitude() + d, middle.longitude()),
                new GeoPoint(middle.latitude() + d, middle.longitude() + d)));
        assertThat(CoarseCells.touched(sliver, 100)).containsExactly(home);
        // A circle over the cell's south-west corner touches the cells that meet there: its row's two, and
        // one or two of the row below (each row's columns are cut at its own width, so rows are offset like bricks).
        Set<CoarseCells.Cell> corner = CoarseCells.touched(new Circle(new GeoPoint(home.south(), home.west()), 1), 100);
        assertThat(corner).hasSizeBetween(3, 4).contains(home, new CoarseCells.Cell(home.row(), home.column() - 1));
        // 400 m around the camera: 5 or 6 rows of 5 or 6 cells, less the far corners a circle misses.
        assertThat(CoarseCells.touched(new Circle(CAMERA, 400), 1000)).hasSizeBetween(20, 36).contains(home);
    }

    @Test
    void anAreaOverTooManyCellsIsNotCut() {
        assertThat(CoarseCells.touched(new Circle(CAMERA, 20_000), 1000)).isNull();
    }

    @Test
    void theBoxOfSomeCellsHoldsEachOfThem() {
        Set<CoarseCells.Cell> cells = CoarseCells.touched(new Circle(CAMERA, 300), 1000);
        double[] box = CoarseCells.bounds(cells);
        for (CoarseCells.Cell cell : cells) {
            assertThat(cell.south()).isGreaterThanOrEqualTo(box[0]);
            assertThat(cell.west()).isGreaterThanOrEqualTo(box[1]);
            assertThat(cell.north()).isLessThanOrEqualTo(box[2]);
            assertThat(cell.east()).isLessThanOrEqualTo(box[3]);
        }
    }
}
