package org.porchlight.press;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/** A placeholder is missing, mistyped or undeclared: 422, naming it. */
public class PlaceholderException extends ProblemException {

    public static final ProblemType TYPE = ProblemType.named("placeholder-error", "Placeholder missing or mistyped", 422);
    private static final long serialVersionUID = 1L;

    public PlaceholderException(String detail) {
        super(TYPE, detail);
    }
}
