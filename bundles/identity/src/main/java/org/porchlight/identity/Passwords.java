package org.porchlight.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.mail.Mailer;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.SignInBlockedException;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.CredentialRows;

/**
 * Changing a password (signed in, with the current one) and resetting a forgotten one with a link
 * mailed to the address, for every kind of account with a Porchlight password. A reset link is a
 * random single-use token ({@code plp_} + 43 characters) of which only the SHA-256 is stored; it
 * expires after {@code passwordResetMinutes}. Asking for one answers the same, and mails once,
 * whether or not the address has an account. A new password, changed or reset, ends every sign-in
 * of the account: refresh tokens are revoked and older access tokens refused on their next request;
 * its API keys (vendors have them) are revoked too, since they may have been made by whoever knew the
 * old password.
 */
@Component(service = Passwords.class, configurationPid = IdentityConfiguration.PID)
public class Passwords {

    public static final ProblemType INVALID_LINK = ProblemType.named("invalid-reset-link",
            "Invalid, used or expired password reset link", 400);
    public static final ProblemType WRONG_PASSWORD = ProblemType.named("wrong-current-password",
            "The current password is wrong", 400);

    static final String PREFIX = "plp_";
    private static final Pattern TOKEN = Pattern.compile("plp_[A-Za-z0-9_-]{43}");

    /** Checks a typed password with the sign-in throttle, as {@link PasswordSignIns#account} does. */
    @FunctionalInterface
    interface PasswordCheck {
        Account account(String email, String password, String clientAddress) throws AuthenticationException;
    }

    private final CredentialRows rows;
    private final PasswordCheck check;
    private final SignUpThrottle throttle;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final Duration lifetime;
    private final String link;
    private final Clock clock;
    private final Supplier<Mailer> mail;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Mailer mailer;

    @Activate
    public Passwords(@Reference Database database, @Reference PasswordSignIns signIns, @Reference SignUpThrottle throttle,
            IdentityConfiguration config) {
        this(new CredentialRows(database), signIns::account, throttle, config, Clock.systemUTC(), null);
    }

    Passwords(CredentialRows rows, PasswordCheck check, SignUpThrottle throttle, IdentityConfiguration config, Clock clock,
            Supplier<Mailer> mail) {
        this.rows = rows;
        this.check = check;
        this.throttle = throttle;
        this.hasher = new PasswordHasher(config.argon2MemoryKiB(), config.argon2Iterations());
        this.policy = new PasswordPolicy(config.minPasswordLength());
        this.lifetime = Duration.ofMinutes(Math.max(1, config.passwordResetMinutes()));
        this.link = config.passwordResetLink().trim();
        this.clock = clock;
        this.mail = mail == null ? () -> mailer : mail;
    }

    /**
     * The signed-in owner of {@code account} sets a new password, giving the current one (a wrong
     * one counts as a failed sign-in from {@code clientAddress}: 400 naming {@code currentPassword},
     * 429 once the throttle blocks). Every sign-in of the account ends, this one included.
     */
    public void change(UUID account, String currentPassword, String newPassword, String clientAddress) {
        CredentialRows.Credential own = rows.active(account).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "This account has no Porchlight password (it signs in through its agency)."));
        try {
            if (!check.account(own.email(), currentPassword, clientAddress).id().equals(account)) {
                throw new AuthenticationException("another account");
            }
        } catch (SignInBlockedException e) {
            long seconds = e.retryAfterSeconds();
            throw new ProblemException(ProblemType.TOO_MANY_ATTEMPTS, "Too many failed sign-ins; try again in " + seconds
                    + " s.").withHeader("Retry-After", Long.toString(seconds));
        } catch (AuthenticationException e) {
            throw refused(WRONG_PASSWORD, "currentPassword", "is wrong");
        }
        if (newPassword.equals(currentPassword)) {
            throw refused(ProblemType.VALIDATION, "newPassword", "must differ from the current password");
        }
        policy.problem(newPassword, own.email()).ifPresent(reason -> {
            throw refused(ProblemType.VALIDATION, "newPassword", reason);
        });
        if (!rows.changePassword(account, hasher.hash(newPassword), clock.instant())) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such active account.");
        }
    }

    /**
     * Someone asks for a reset link for {@code email} from {@code clientAddress}: counted against the
     * client's network (429 once used up), 503 without e-mail, otherwise the same answer for any
     * address. An active account's address gets a link, any other address a notice; at most
     * {@code verificationResends} mails per address and window go out.
     */
    public void request(String clientAddress, String email) {
        throttle.passwordReset(clientAddress).ifPresent(wait -> {
            long seconds = Math.max(1, wait.toSeconds());
            throw new ProblemException(ProblemType.TOO_MANY_ATTEMPTS, "Too many password reset requests from this network; "
                    + "try again in " + seconds + " s.").withHeader("Retry-After", Long.toString(seconds));
        });
        Mailer delivery = mail.get();
        if (delivery == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "E-mail is not configured on this server, so passwords "
                    + "cannot be reset by mail; ask an administrator.");
        }
        String address = Directory.normalise(email);
        // The token is made and hashed for every request, so that known and unknown addresses cost alike.
        String token = PREFIX + Hashes.randomToken(32);
        String hash = Hashes.sha256(token);
        Optional<CredentialRows.Credential> account = rows.activeByEmail(address);
        if (throttle.resetMail(address).isPresent()) {
            return;
        }
        if (account.isPresent()) {
            Instant now = clock.instant();
            rows.storeReset(hash, account.get().account(), now.plus(lifetime), now);
            AccountMail.send(delivery, address, "Reset your Porchlight password", resetText(token));
        } else {
            AccountMail.send(delivery, address, "Your Porchlight password reset", """
                    Someone asked to reset the Porchlight password of this address, which has no active account.

                    If it was you, you may have signed up with another address. If it was not you, ignore this
                    message: nothing has changed.
                    """);
        }
    }

    /**
     * Sets a new password with a reset link, once: the link's account gets {@code newPassword}
     * (400 naming {@code password} if the policy refuses it; the link then still works), every link
     * of the account is used up and every sign-in of it ends.
     *
     * @throws ProblemException {@link #INVALID_LINK} if the token is malformed, unknown, used or expired
     */
    public UUID reset(String token, String newPassword) {
        String trimmed = token == null ? "" : token.trim();
        Optional<UUID> account = TOKEN.matcher(trimmed).matches()
                ? rows.reset(Hashes.sha256(trimmed), clock.instant(), email -> {
                    policy.problem(newPassword, email).ifPresent(reason -> {
                        throw refused(ProblemType.VALIDATION, "password", reason);
                    });
                    return hasher.hash(newPassword);
                })
                : Optional.empty();
        return account.orElseThrow(() -> new ProblemException(INVALID_LINK, "This password reset link is not valid: it was "
                + "altered, used already, or is older than " + lifetime.toMinutes() + " minutes. Ask for a new one."));
    }

    /** Minutes a reset link stays valid. */
    public long linkMinutes() {
        return lifetime.toMinutes();
    }

    private String resetText(String token) {
        String action = link.isEmpty() ? "enter this code where Porchlight asks for it:\n\n    " + token
                : "open this link:\n\n    " + link + token;
        return """
                To choose a new Porchlight password, %s

                It works once, within %d minutes. Setting a new password signs you out everywhere
                and revokes the account's API keys, if it has any (create new ones afterwards).
                If you did not ask for this, ignore this message: your password stays as it is.
                """.formatted(action, lifetime.toMinutes());
    }

    private static ProblemException refused(ProblemType type, String field, String reason) {
        return new ProblemException(Problem.of(type, "The " + (field.equals("currentPassword") ? "current password"
                : "new password") + " " + reason + ".").withErrors(List.of(new Problem.FieldError(field, reason))));
    }
}
