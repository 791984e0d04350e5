package org.porchlight.press;

import java.util.Map;
import java.util.Set;

/** Where a template is on its way to the public release log. */
public enum ReleaseState {
    DRAFT, IN_REVIEW, APPROVED, PUBLISHED;

    /** What the agency can do to a template. */
    public enum Move { EDIT, SUBMIT, APPROVE, REJECT, PUBLISH }

    private static final Map<Move, Set<ReleaseState>> FROM = Map.of(
            Move.EDIT, Set.of(DRAFT, PUBLISHED), // editing a published template starts its next release
            Move.SUBMIT, Set.of(DRAFT),
            Move.APPROVE, Set.of(IN_REVIEW),
            Move.REJECT, Set.of(IN_REVIEW, APPROVED),
            Move.PUBLISH, Set.of(APPROVED));

    public boolean allows(Move move) {
        return FROM.get(move).contains(this);
    }

    /** The state a move leads to. */
    public static ReleaseState after(Move move) {
        return switch (move) {
            case EDIT, REJECT -> DRAFT;
            case SUBMIT -> IN_REVIEW;
            case APPROVE -> APPROVED;
            case PUBLISH -> PUBLISHED;
        };
    }
}
