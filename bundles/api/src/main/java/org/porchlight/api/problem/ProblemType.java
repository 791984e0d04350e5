package org.porchlight.api.problem;

import java.net.URI;
import java.util.Objects;

/**
 * A kind of problem: its type URI, title and HTTP status. Bundles define their own kinds as
 * constants; the URIs are names ({@code urn:porchlight:problem:...}), not links.
 *
 * @param uri    the problem type URI
 * @param title  short, human-readable summary that does not change between occurrences
 * @param status the HTTP status code
 */
public record ProblemType(URI uri, String title, int status) {

    /** Input that is well-formed but breaks a rule: 400 with the offending fields. */
    public static final ProblemType VALIDATION = named("validation", "Invalid request", 400);
    /** A body that cannot be parsed as the expected JSON. */
    public static final ProblemType MALFORMED_BODY = named("malformed-body", "Malformed request body", 400);
    /** No credentials, or credentials that are not valid (forged, expired, revoked): 401. */
    public static final ProblemType UNAUTHENTICATED = named("unauthenticated", "Authentication required", 401);
    /** Authenticated, but the method is not open to the caller's role: 403. */
    public static final ProblemType FORBIDDEN = named("forbidden", "Not allowed", 403);
    /** 404: no such thing, or not one the caller may know of. @since 1.2 */
    public static final ProblemType NOT_FOUND = named("not-found", "Not found", 404);
    /** Too many attempts; the {@code Retry-After} header says when to try again: 429. */
    public static final ProblemType TOO_MANY_ATTEMPTS = named("too-many-attempts", "Too many attempts", 429);
    /** A service the request needs is not running right now: 503. */
    public static final ProblemType UNAVAILABLE = named("unavailable", "Service unavailable", 503);
    /** A state change that the resource's current state does not allow. */
    public static final ProblemType CONFLICT = named("conflict", "Conflict with the current state", 409);
    /** A failure nobody planned for; the detail carries only the correlation id. */
    public static final ProblemType INTERNAL = named("internal", "Internal server error", 500);

    public ProblemType {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(title, "title");
    }

    /** A problem type named {@code urn:porchlight:problem:<name>}. */
    public static ProblemType named(String name, String title, int status) {
        return new ProblemType(URI.create("urn:porchlight:problem:" + name), title, status);
    }
}
