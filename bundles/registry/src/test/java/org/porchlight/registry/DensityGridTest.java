package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The density grids are fixed on the globe: the asked box never moves a cell's edges. */
class DensityGridTest {

    @Test
    void aRequestIsAnsweredAtTheNextPublishedSizeUp() {
        assertThat(DensityGrid.forRequested(50).meters()).isEqualTo(250);
        assertThat(DensityGrid.forRequested(250).meters()).isEqualTo(250);
        assertThat(DensityGrid.forRequested(251).meters()).isEqualTo(500);
        assertThat(DensityGrid.forRequested(999).meters()).isEqualTo(1000);
        assertThat(DensityGrid.forRequested(5000).meters()).isEqualTo(4000);
    }

    @Test
    void shiftedShrunkAndOverlappingBoxesSeeTheSameCells() {
        DensityGrid grid = DensityGrid.of(250);
        DensityGrid.Cell home = grid.cellOf(39.2, -94.4);
        List<double[]> boxes = List.of(new double[] {39.1, -94.5, 39.3, -94.3},
                new double[] {39.19999, -94.40001, 39.20001, -94.39999},
                new double[] {39.2, -94.4, 39.2001, -94.3999}, new double[] {38.9, -94.41, 39.2005, -94.2});
        for (double[] box : boxes) {
            List<DensityGrid.Cell> cells = grid.cells(box);
            assertThat(cells).contains(home);
            assertThat(grid.count(box)).isEqualTo(cells.size());
        }
        double south = grid.south(home.row());
        double west = grid.west(home);
        assertThat(south).isLessThanOrEqualTo(39.2).isGreaterThan(39.2 - grid.latStep());
        assertThat(west).isLessThanOrEqualTo(-94.4).isGreaterThan(-94.4 - grid.lonStep(home.row()));
    }

    @Test
    void cellsAreAboutAsWideAsTheyAreTall() {
        for (DensityGrid grid : DensityGrid.all()) {
            DensityGrid.Cell cell = grid.cellOf(39.1, -94.58);
            double heightMeters = grid.latStep() * 111_195;
            double widthMeters = grid.lonStep(cell.row()) * 111_195 * Math.cos(Math.toRadians(39.1));
            assertThat(heightMeters).isCloseTo(grid.meters(), org.assertj.core.data.Percentage.withPercentage(1));
            assertThat(widthMeters).isCloseTo(grid.meters(), org.assertj.core.data.Percentage.withPercentage(5));
        }
    }
}
