package org.porchlight.legal;

import java.util.List;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/** The problems this bundle answers with. Details name the rule, never personal data. */
final class LegalProblems {

    /** A status change the current status does not allow; the detail names the current status. */
    static final ProblemType ILLEGAL_TRANSITION = ProblemType.named("illegal-transition", "State change not allowed", 409);
    /** A second review of an emergency request. */
    static final ProblemType ALREADY_REVIEWED = ProblemType.named("already-reviewed", "Already reviewed", 409);
    /** A supervisor reviewing an emergency request they made themselves. */
    static final ProblemType SELF_REVIEW = ProblemType.named("self-review", "Own request", 403);

    private LegalProblems() {
    }

    /** A 400 naming the field at fault, for rules Bean Validation cannot express (they compare fields or need the clock). */
    static ProblemException invalid(String field, String message) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION, message)
                .withErrors(List.of(new Problem.FieldError(field, message))));
    }
}
