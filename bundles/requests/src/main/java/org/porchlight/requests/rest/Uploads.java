package org.porchlight.requests.rest;

import java.util.Locale;

import jakarta.ws.rs.core.MediaType;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/** What uploads have in common: the declared media type, without parameters. */
final class Uploads {

    static final ProblemType UNSUPPORTED = ProblemType.named("unsupported-media-type", "Unsupported media type", 415);

    private Uploads() {
    }

    /** The type and subtype of a Content-Type header; the agency's intake decides which it accepts. */
    static String mediaType(String header) {
        if (header == null || header.isBlank()) {
            return MediaType.APPLICATION_OCTET_STREAM;
        }
        try {
            MediaType type = MediaType.valueOf(header);
            if (type.isWildcardType() || type.isWildcardSubtype()) {
                throw new IllegalArgumentException("wildcard");
            }
            return (type.getType() + "/" + type.getSubtype()).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(UNSUPPORTED, "Content-Type must name the file's media type, e.g. video/mp4.");
        }
    }
}
