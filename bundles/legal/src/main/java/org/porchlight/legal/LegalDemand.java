package org.porchlight.legal;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A legal demand as the agency's staff see it. Never shown to the public: the transparency page
 * gets counts only.
 *
 * @param nextStatuses the statuses it may move to from here
 * @param statusOn     when the current status took effect ({@code null} for a draft)
 * @param changes      each status it took, oldest first; left out of lists
 */
public record LegalDemand(UUID id, String agency, LegalDemandKind kind, LegalDemandStatus status,
        Set<LegalDemandStatus> nextStatuses, String caseNumber, String documentReference, String vendor, String scope,
        Instant footageFrom, Instant footageTo, LocalDate issuedOn, LocalDate servedOn, LocalDate statusOn, UUID createdBy,
        Instant createdAt, Instant updatedAt, List<Change> changes) {

    /**
     * One status the demand took.
     *
     * @param on   the date it happened, as the staff member recorded it
     * @param note e.g. the vendor's reason for refusing; may be {@code null}
     * @param by   who recorded it
     * @param at   when it was recorded
     */
    public record Change(LegalDemandStatus status, LocalDate on, String note, UUID by, Instant at) {
    }
}
