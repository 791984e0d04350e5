package org.porchlight.api.evidence;

import java.time.Instant;
import java.util.UUID;

/**
 * One file of evidence as recorded on arrival.
 *
 * @param id          the item's id
 * @param agency      the agency it was submitted to
 * @param caseNumber  the case it belongs to
 * @param request     the footage request, {@code null} for a witness's upload
 * @param response    the response, {@code null} for a witness's upload
 * @param submittedBy as in {@link Submission#submittedBy()}
 * @param fileName    the name the sender gave, or {@code null}
 * @param contentType the media type
 * @param size        bytes received
 * @param sha256      hex SHA-256 of the bytes received
 * @param receivedAt  when the last byte was stored
 */
public record EvidenceItem(UUID id, String agency, String caseNumber, UUID request, UUID response, String submittedBy,
        String fileName, String contentType, long size, String sha256, Instant receivedAt) {
}
