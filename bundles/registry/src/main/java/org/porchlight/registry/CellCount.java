package org.porchlight.registry;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An agency's count, answered on whole coarse cells: the cameras in the cells that the asked area
 * covers or touches, or, when fewer than {@code minimumOwners} distinct owners have cameras there,
 * only that the count is suppressed. The cells counted are listed, so the answer says what it is
 * about.
 *
 * @param cameras the count, {@code null} when suppressed
 * @param suppressed whether the count is withheld
 * @param minimumOwners the fewest distinct owners a count is shown for
 * @param cellMeters the cells' size, about this many metres each way
 * @param cells the cells counted
 */
public record CellCount(Long cameras, boolean suppressed, int minimumOwners, int cellMeters, List<CountedCell> cells) {

    /** One counted cell: its place on the grid and its bounds in degrees. */
    public record CountedCell(long row, long column, double south, double west, double north, double east) {

        static CountedCell of(CoarseCells.Cell cell) {
            return new CountedCell(cell.row(), cell.column(), cell.south(), cell.west(), cell.north(), cell.east());
        }
    }

    /**
     * The answer for the cameras found in the cells, each given by its owner (or, for an
     * unclaimed imported registration, by itself: nobody is known to own two of them).
     */
    static CellCount of(List<UUID> ownersOfCameras, Set<CoarseCells.Cell> cells, int minimumOwners) {
        Set<UUID> owners = new HashSet<>(ownersOfCameras);
        List<CountedCell> counted = CoarseCells.listed(cells).stream().map(CountedCell::of).toList();
        int cellMeters = (int) CoarseCells.CELL_METERS;
        if (owners.size() < minimumOwners) {
            return new CellCount(null, true, minimumOwners, cellMeters, counted);
        }
        return new CellCount((long) ownersOfCameras.size(), false, minimumOwners, cellMeters, counted);
    }
}
