package org.porchlight.api.problem;

import java.util.Objects;

/**
 * Thrown by a resource or service to answer the request with a problem. The REST core maps it
 * to an {@code application/problem+json} response; the message is the problem's detail.
 */
public class ProblemException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

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
}
