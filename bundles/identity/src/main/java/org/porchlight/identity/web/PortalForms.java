package org.porchlight.identity.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PagePaths;

/** What the identity bundle's pages share: reading form fields, the texts of problems, not-found answers. */
final class PortalForms {

    /** The page or the thing it names does not exist, or is not the caller's: the shell's 404 page. */
    static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;

    /** As the API's {@code @Email}: one @, something on both sides, no spaces. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]{1,64}@[^\\s@]+\\.[^\\s@]+");

    /** Every time zone id, sorted, for the select of agencies' time zones. */
    static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") || "UTC".equals(z))
            .filter(z -> !z.startsWith("Etc/") && !z.startsWith("SystemV/")).sorted().toList();

    private PortalForms() {
    }

    /** A form field or query parameter, trimmed; empty text when absent. */
    static String field(PageRequest request, String name) {
        return request.parameter(name).map(String::trim).orElse("");
    }

    static boolean isEmail(String text) {
        return text.length() <= 320 && EMAIL.matcher(text).matches();
    }

    static ProblemException notFound() {
        return new ProblemException(NOT_FOUND, "No such page.");
    }

    /** The id in a sub-path such as {@code 0f8e.../role}; 404 if it is not an id. */
    static UUID id(String segment) {
        return PagePaths.id(segment);
    }

    /** An instant as the templates' {@code when} takes it; empty text for none. */
    static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    /** The field a validation problem names, if it names one. */
    static Optional<String> field(ProblemException e) {
        return e.problem().errors().stream().map(Problem.FieldError::field).findFirst();
    }

    /** Seconds a refused caller must wait, from the problem's {@code Retry-After}, at least one minute when shown. */
    static long minutes(ProblemException e) {
        long seconds = Long.parseLong(e.headers().getOrDefault("Retry-After", "60"));
        return Math.max(1, (seconds + 59) / 60);
    }

    /**
     * A password the policy refused, in the request's language. The policy's reasons are English; the
     * known ones have texts of their own, anything else is shown as the workflow said it.
     */
    static String passwordProblem(PageRequest request, ProblemException e) {
        String reason = e.problem().errors().stream().filter(f -> "password".equals(f.field())).map(Problem.FieldError::message)
                .findFirst().orElse(e.problem().detail());
        return passwordReason(request, reason);
    }

    /** A reason of the password policy (English), in the request's language. */
    static String passwordReason(PageRequest request, String reason) {
        if (reason.startsWith("must be at least ")) {
            return request.text("identity.password.short", reason.replaceAll("\\D+", ""));
        }
        if (reason.startsWith("must be at most ")) {
            return request.text("identity.password.long", reason.replaceAll("\\D+", ""));
        }
        if (reason.contains("too easy")) {
            return request.text("identity.password.guessable");
        }
        if (reason.contains("e-mail")) {
            return request.text("identity.password.email");
        }
        return reason;
    }
}
