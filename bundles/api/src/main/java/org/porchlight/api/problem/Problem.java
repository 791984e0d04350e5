package org.porchlight.api.problem;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * An RFC 9457 problem detail.
 *
 * @param type      identifies the kind of problem; {@code about:blank} when the HTTP status says it all
 * @param title     short, human-readable summary of the kind of problem
 * @param status    the HTTP status code
 * @param detail    explanation specific to this occurrence; never a stack trace or personal data
 * @param instance  optional URI of this occurrence, usually the request path
 * @param requestId the correlation id of the request, also written to the server log
 * @param errors    the offending input fields, for validation problems; empty otherwise
 */
public record Problem(URI type, String title, int status, String detail, URI instance, String requestId,
        List<FieldError> errors) {

    /** The problem type of plain HTTP errors whose status code is the whole story. */
    public static final URI ABOUT_BLANK = URI.create("about:blank");

    public Problem {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("a problem has a 4xx or 5xx status, got " + status);
        }
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem of the given type without field errors. */
    public static Problem of(ProblemType type, String detail) {
        return new Problem(type.uri(), type.title(), type.status(), detail, null, null, List.of());
    }

    /** A plain HTTP problem ({@code about:blank}) with the given status and title. */
    public static Problem ofStatus(int status, String title, String detail) {
        return new Problem(ABOUT_BLANK, title, status, detail, null, null, List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, requestId, fieldErrors);
    }

    public Problem withInstance(URI occurrence) {
        return new Problem(type, title, status, detail, occurrence, requestId, errors);
    }

    public Problem withRequestId(String id) {
        return new Problem(type, title, status, detail, instance, id, errors);
    }

    /**
     * One offending input.
     *
     * @param field   where the input is: a JSON path into the body ({@code area.radiusMeters}),
     *                or the name of a query, path or header parameter
     * @param message what is wrong with it
     */
    public record FieldError(String field, String message) {
        public FieldError {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(message, "message");
        }
    }
}
