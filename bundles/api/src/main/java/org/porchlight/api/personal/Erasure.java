package org.porchlight.api.personal;

/**
 * What a {@link PersonalDataHolder} did when a resident deleted their account.
 *
 * @param removed rows (registrations, inbox items, ...) deleted
 * @param kept    rows that stay, linked to a pseudonym only (e.g. answers that shared evidence an agency
 *                holds in custody), so that the resident's receipt says what was kept
 */
public record Erasure(long removed, long kept) {

    public Erasure {
        if (removed < 0 || kept < 0) {
            throw new IllegalArgumentException("counts are not negative");
        }
    }

    /** Nothing was held. */
    public static Erasure none() {
        return new Erasure(0, 0);
    }
}
