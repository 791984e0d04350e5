package org.porchlight.api.evidence;

import java.util.Objects;
import java.util.UUID;

/**
 * What is known about a file as it arrives.
 *
 * @param agency      the code of the agency it is for
 * @param caseNumber  the agency's case number
 * @param request     the footage request it answers, {@code null} for a witness's upload
 * @param response    the response it belongs to, {@code null} for a witness's upload
 * @param submittedBy who sent it, as the agency may see it: a pseudonym label, or the witness
 *                    link's id; never a name or address
 * @param fileName    the file's name as the sender gave it, or {@code null}
 * @param contentType the declared media type, e.g. {@code video/mp4}
 */
public record Submission(String agency, String caseNumber, UUID request, UUID response, String submittedBy, String fileName,
        String contentType) {

    public Submission {
        Objects.requireNonNull(agency, "agency");
        Objects.requireNonNull(caseNumber, "caseNumber");
        Objects.requireNonNull(submittedBy, "submittedBy");
        Objects.requireNonNull(contentType, "contentType");
    }
}
