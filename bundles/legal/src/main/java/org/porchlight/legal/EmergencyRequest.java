package org.porchlight.legal;

import java.time.Instant;
import java.util.UUID;

/**
 * An emergency request as the agency's staff see it. Never shown to the public: the
 * transparency page gets counts only.
 *
 * @param requestedBy   the staff member who made the request to the vendor (and recorded it)
 * @param requestedAt   when the request was made to the vendor
 * @param recordedAt    when it was recorded here
 * @param reviewDueAt   by when a supervisor must review it
 * @param reviewOverdue not reviewed, and past {@code reviewDueAt}
 * @param review        the supervisor's review, {@code null} until there is one
 */
public record EmergencyRequest(UUID id, String agency, String vendor, String caseNumber, String scope, String justification,
        Instant footageFrom, Instant footageTo, UUID requestedBy, Instant requestedAt, Instant recordedAt, Instant reviewDueAt,
        boolean reviewOverdue, Review review) {

    /**
     * @param late reviewed after the review was due
     */
    public record Review(ReviewVerdict verdict, String note, UUID reviewedBy, Instant reviewedAt, boolean late) {
    }

    /** Whether a review due at {@code dueAt} and not given (or given at {@code reviewedAt}) is overdue at {@code now}. */
    public static boolean overdue(Instant dueAt, Instant reviewedAt, Instant now) {
        return reviewedAt == null && now.isAfter(dueAt);
    }

    /** Whether a review given at {@code reviewedAt} came after it was due. */
    public static boolean late(Instant dueAt, Instant reviewedAt) {
        return reviewedAt != null && reviewedAt.isAfter(dueAt);
    }
}
