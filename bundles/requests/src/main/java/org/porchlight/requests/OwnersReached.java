package org.porchlight.requests;


/**
 * What the agency's staff see of how many owners a request reached: the owners who may be asked
 * in the whole coarse cells (about 150 m) the area touches, or only that the figure is withheld
 * because fewer than {@code minimumOwners} stand behind it. Never the exact number asked, which
 * would tell how many cameras lie inside the area's exact edges, however small the area.
 *
 * @param owners the figure, {@code null} when withheld
 * @param suppressed whether the figure is withheld
 * @param minimumOwners the fewest owners a figure is shown for
 * @param cells the coarse cells the figure covers
 */
public record OwnersReached(Long owners, boolean suppressed, int minimumOwners, int cells) {
}
