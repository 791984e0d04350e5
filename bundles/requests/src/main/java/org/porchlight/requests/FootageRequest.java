package org.porchlight.requests;

import java.time.Instant;
import java.util.UUID;

import org.porchlight.api.geo.Area;
import org.porchlight.api.requests.IncidentType;

/**
 * A footage request as the agency's staff see it. {@code ownersAsked} is the coarse figure
 * ({@link OwnersReached}), {@code null} until the request is activated.
 */
public record FootageRequest(UUID id, String agency, String caseNumber, IncidentType incidentType, String incidentDetail,
        Instant windowStart, Instant windowEnd, Area area, double areaSquareMiles, String message, Instant expiresAt,
        RequestState state, UUID createdBy, Instant createdAt, Instant updatedAt, String approvalReason, UUID reviewedBy,
        Instant reviewedAt, String reviewNote, Instant activatedAt, Instant endedAt, Instant publishAfter, String publicationNote,
        OwnersReached ownersAsked) {
}
