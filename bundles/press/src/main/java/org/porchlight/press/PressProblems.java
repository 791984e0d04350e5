package org.porchlight.press;

import org.porchlight.api.problem.ProblemType;

/** The problems the press bundle answers with; details name the rule or the placeholder, never a stack trace. */
public final class PressProblems {

    /** No such agency or template, or one the caller may not see. */
    public static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;
    /** A move the template's state does not allow; the detail names the state. */
    public static final ProblemType WRONG_STATE = ProblemType.named("release-state", "Not allowed in the template's state", 409);
    /** The author of a version tried to approve it, and the agency's policy does not allow that (four eyes). */
    public static final ProblemType SELF_APPROVAL = ProblemType.named("release-self-approval",
            "The author of a version cannot approve it", 403);
    /** Checks refused an approval; the detail lists each failure. */
    public static final ProblemType CHECKS_FAILED = ProblemType.named("release-checks-failed", "Release checks failed", 422);
    /** A template whose kind, network, locale or placeholders are not valid. */
    public static final ProblemType INVALID = ProblemType.named("invalid-template", "Invalid template", 422);
    /** A template that uses a directive, built-in or construct templates may not use; the detail names it. */
    public static final ProblemType NOT_ALLOWED = ProblemType.named("template-not-allowed", "Template uses what is not allowed",
            422);
    /** A rendering that would pass its size or time limit; the detail names the limit. */
    public static final ProblemType LIMIT = ProblemType.named("rendering-limit", "Rendering exceeds its limits", 422);

    private PressProblems() {
    }
}
