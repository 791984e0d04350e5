package org.porchlight.modules.plugins;

import java.util.List;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/** The problems agencies' plugins answer with. Details name the rule or the field, never a setting's value. */
public final class PluginProblems {

    /** No such plugin in the catalogue, or one the agency may not see (another agency's own bundle). */
    public static final ProblemType UNKNOWN_PLUGIN = ProblemType.named("unknown-plugin", "No such plugin", 404);
    /** The plugin's settings cannot be read now (its bundle is not active, or no metatype service runs). */
    public static final ProblemType SETTINGS_UNAVAILABLE =
            ProblemType.named("plugin-settings-unavailable", "Plugin settings unavailable", 409);

    private PluginProblems() {
    }

    /** A 400 naming each field at fault. */
    static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION, "Invalid settings: " + errors.get(0).field() + " "
                + errors.get(0).message()).withErrors(errors));
    }
}
