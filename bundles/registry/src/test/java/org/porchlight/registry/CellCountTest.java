package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;

class CellCountTest {

    private static final Set<CoarseCells.Cell> CELLS = CoarseCells.touched(new Circle(new GeoPoint(39.0997, -94.5786), 200), 100);

    @Test
    void aCountBehindFewerOwnersThanTheMinimumIsWithheld() {
        for (int owners = 0; owners < 5; owners++) {
            CellCount count = CellCount.of(owners(owners), CELLS, 5);
            assertThat(count.suppressed()).isTrue();
            assertThat(count.cameras()).isNull();
            assertThat(count.minimumOwners()).isEqualTo(5);
        }
        assertThat(CellCount.of(owners(5), CELLS, 5).cameras()).isEqualTo(5);
    }

    @Test
    void manyCamerasOfFewOwnersAreStillWithheld() {
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        List<UUID> cameras = new java.util.ArrayList<>(Collections.nCopies(20, one));
        cameras.addAll(Collections.nCopies(20, two));
        assertThat(CellCount.of(cameras, CELLS, 3).suppressed()).isTrue();
        cameras.add(UUID.randomUUID());
        assertThat(CellCount.of(cameras, CELLS, 3).cameras()).isEqualTo(41);
    }

    @Test
    void theAnswerListsTheCellsCountedInOrder() {
        CellCount count = CellCount.of(owners(7), CELLS, 5);
        assertThat(count.cells()).hasSameSizeAs(CELLS);
        assertThat(count.cellMeters()).isEqualTo(150);
        assertThat(count.cells()).isSortedAccordingTo((a, b) -> a.row() != b.row() ? Long.compare(a.row(), b.row())
                : Long.compare(a.column(), b.column()));
    }

    private static List<UUID> owners(int n) {
        return IntStream.range(0, n).mapToObj(i -> UUID.randomUUID()).toList();
    }
}
