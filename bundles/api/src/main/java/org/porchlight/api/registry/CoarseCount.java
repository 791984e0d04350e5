package org.porchlight.api.registry;

/**
 * A figure an agency may see about an area, answered on whole coarse cells (about 150 m each
 * way, the grid on which agencies see camera locations) rather than on the area's exact edges,
 * and withheld when too few distinct owners stand behind it.
 *
 * @param value the figure, or {@code 0} when {@link #suppressed()}
 * @param suppressed whether the figure is withheld because fewer than {@code minimumOwners}
 *        distinct owners are behind it
 * @param minimumOwners the fewest distinct owners a figure is shown for
 * @param cells how many coarse cells the figure covers: every cell the area covers or touches
 * @since 1.2
 */
public record CoarseCount(long value, boolean suppressed, int minimumOwners, int cells) {

    public CoarseCount {
        if (suppressed && value != 0) {
            throw new IllegalArgumentException("a suppressed figure carries no value");
        }
    }
}
