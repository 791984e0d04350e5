package org.porchlight.identity.web;

import static org.porchlight.identity.web.PortalForms.field;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.identity.Passwords;
import org.porchlight.identity.Profiles;

/**
 * The two forms of the account page that every kind of account has, profile and password: the fields
 * read, checked and handed to the workflows {@code PUT /api/me} and {@code POST /api/me/password} use,
 * each problem turned into a text next to its field.
 */
final class AccountForms {

    /** The language choices, in the select's order: the browser's (empty), then the portal's languages. */
    static final List<String> LANGUAGES = List.of("", "en", "es");
    /** The password form's fields, to tell its errors from the profile form's. */
    static final Set<String> PASSWORD_FIELDS = Set.of("currentPassword", "newPassword", "passwordForm");

    /** A form's errors by field (empty: done) and the status to show them with. */
    record Outcome(Map<String, String> errors, int status) {
    }

    private final Profiles profiles;
    private final Passwords passwords;

    AccountForms(Profiles profiles, Passwords passwords) {
        this.profiles = profiles;
        this.passwords = passwords;
    }

    /** Saves the profile; the errors by field if it was refused (nothing is saved then). */
    Map<String, String> profile(PageRequest request, UUID account) {
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            profiles.update(account, field(request, "displayName"), field(request, "phone"), field(request, "language"));
        } catch (ProblemException e) {
            if (e.problem().status() != 400) {
                throw e;
            }
            for (Problem.FieldError error : e.problem().errors()) {
                errors.put(error.field(), request.text(switch (error.field()) {
                    case "phone" -> "identity.profile.phone.invalid";
                    case "language" -> "identity.profile.language.invalid";
                    default -> "identity.displayName.invalid";
                }));
            }
        }
        return errors;
    }

    /** Changes the password; on success every sign-in of the account has ended, this browser's too. */
    Outcome password(PageRequest request, UUID account) {
        String current = request.parameter("currentPassword").orElse("");
        String next = request.parameter("newPassword").orElse("");
        Map<String, String> errors = new LinkedHashMap<>();
        if (current.isEmpty() || current.length() > 1024) {
            errors.put("currentPassword", request.text("identity.password.missing"));
        }
        if (next.isEmpty() || next.length() > 1024) {
            errors.put("newPassword", request.text(next.isEmpty() ? "identity.password.missing" : "identity.password.long", 128));
        }
        if (!errors.isEmpty()) {
            return new Outcome(errors, 400);
        }
        try {
            passwords.change(account, current, next, request.clientAddress());
            return new Outcome(Map.of(), 303);
        } catch (ProblemException e) {
            int status = e.problem().status();
            String field = PortalForms.field(e).orElse("");
            if (status == 429) {
                errors.put("passwordForm", request.text("identity.changePassword.blocked", PortalForms.minutes(e)));
            } else if (Passwords.WRONG_PASSWORD.uri().equals(e.problem().type())) {
                errors.put("currentPassword", request.text("identity.changePassword.wrong"));
            } else if (status == 400 && "newPassword".equals(field)) {
                String reason = e.problem().errors().get(0).message();
                errors.put("newPassword", reason.startsWith("must differ") ? request.text("identity.changePassword.same")
                        : PortalForms.passwordReason(request, reason));
            } else {
                throw e;
            }
            return new Outcome(errors, status);
        }
    }
}
