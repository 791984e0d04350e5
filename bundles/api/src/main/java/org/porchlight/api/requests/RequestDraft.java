package org.porchlight.api.requests;

import java.time.Instant;
import java.util.Objects;

import org.porchlight.api.geo.Area;

/**
 * A footage request as an officer drafted it, for policies to check.
 *
 * @param agency         the agency's code
 * @param caseNumber     the agency's case number
 * @param incidentType   what happened
 * @param incidentDetail free text about it; required for {@link IncidentType#OTHER_OFFENCE}
 * @param windowStart    start of the footage wanted
 * @param windowEnd      end of the footage wanted
 * @param area           where
 * @param message        what residents read
 * @param expiresAt      when the request stops accepting answers
 */
public record RequestDraft(String agency, String caseNumber, IncidentType incidentType, String incidentDetail, Instant windowStart,
        Instant windowEnd, Area area, String message, Instant expiresAt) {

    public RequestDraft {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(caseNumber, "caseNumber");
        Objects.requireNonNull(incidentType, "incidentType");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(area, "area");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
