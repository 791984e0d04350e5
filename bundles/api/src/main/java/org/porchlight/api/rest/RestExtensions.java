package org.porchlight.api.rest;

/**
 * Filters selecting the REST core's whiteboard extensions, for
 * {@code @JakartarsExtensionSelect} on a resource.
 */
public final class RestExtensions {

    /** Whiteboard name of the JSON (Jackson) message body reader and writer. */
    public static final String JSON_NAME = "porchlight.json";
    /** Whiteboard name of the feature that answers every error as problem details. */
    public static final String PROBLEMS_NAME = "porchlight.problems";

    /** Requires the JSON reader and writer. */
    public static final String JSON = "(osgi.jakartars.name=" + JSON_NAME + ")";
    /** Requires problem-details error mapping. */
    public static final String PROBLEMS = "(osgi.jakartars.name=" + PROBLEMS_NAME + ")";

    /** Header carrying the correlation id of a request, on every response. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    /** The media type of RFC 9457 problem details. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private RestExtensions() {
    }
}
