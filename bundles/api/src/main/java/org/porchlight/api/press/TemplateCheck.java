package org.porchlight.api.press;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A check a draft must pass before it can be approved, e.g. a house style rule or a disclosure
 * that a state law demands. Register it with the service property {@link #NAME}; every check
 * registered runs on every draft submitted for approval, and one failure refuses the approval.
 * The names of the checks a release passed are shown on the agency's public release log.
 */
@ConsumerType
public interface TemplateCheck {

    /** Service property: the check's name, 1 to 40 of {@code a-z 0-9 -}, e.g. {@code plain-language}. */
    String NAME = "porchlight.press.check";

    /**
     * Checks one draft. Must not change anything, and should answer quickly (it runs in the
     * approval request).
     */
    Result check(Draft draft);

    /**
     * A draft as it would be published.
     *
     * @param agency  the agency's code, upper case
     * @param kind    what it is
     * @param network the social network for {@link ReleaseKind#SOCIAL_POST} (e.g. {@code x}), else {@code null}
     * @param locale  its language tag, e.g. {@code en-US}
     * @param text    the plain-text rendering: title, an empty line, body; for a social post the body only (its title is
     *                the agency's own label, never posted)
     * @param values  the placeholders' values as rendered, by placeholder name
     */
    record Draft(String agency, ReleaseKind kind, String network, String locale, String text, Map<String, String> values) {

        public Draft {
            Objects.requireNonNull(agency, "agency");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(text, "text");
            values = values == null ? Map.of() : Map.copyOf(values);
        }
    }

    /**
     * What a check found.
     *
     * @param failures what is wrong, one message each, in words an author can act on; empty if it passed
     */
    record Result(List<String> failures) {

        public Result {
            failures = failures == null ? List.of() : List.copyOf(failures);
        }

        public boolean passed() {
            return failures.isEmpty();
        }

        public static Result pass() {
            return new Result(List.of());
        }

        public static Result fail(String... failures) {
            return new Result(List.of(failures));
        }
    }
}
