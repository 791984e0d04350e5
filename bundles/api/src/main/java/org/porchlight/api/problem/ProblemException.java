package org.porchlight.api.problem;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Thrown by a resource or service to answer the request with a problem. The REST core maps it
 * to an {@code application/problem+json} response; the message is the problem's detail.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;
    private final transient Map<String, String> headers = new LinkedHashMap<>();

    public ProblemException(Problem problem) {
        super(Objects.requireNonNull(problem, "problem").detail());
        this.problem = problem;
    }

    public ProblemException(ProblemType type, String detail) {
        this(Problem.of(type, detail));
    }

    public Problem problem() {
        return problem;
    }

    /** Adds a response header, e.g. {@code Retry-After} on a 429 or {@code Location}. */
    public ProblemException withHeader(String name, String value) {
        headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** The response headers added with {@link #withHeader}. */
    public Map<String, String> headers() {
        return Map.copyOf(headers);
    }
}
