package org.porchlight.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.porchlight.api.mail.Mailer;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.IdentityEvents;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.VerificationRows;

/**
 * Verification of residents' e-mail addresses: a link with a random single-use token mailed at
 * sign-up (and again on request), which proves the resident reads the address. Only the token's
 * SHA-256 is stored; it expires after {@code verificationHours}; using it deletes every link of the
 * account, marks the account verified and posts {@link IdentityEvents#EMAIL_VERIFIED}. The
 * account works before that; what counts sign-ups (incentives) waits for it.
 */
@Component(service = EmailVerifications.class, configurationPid = IdentityConfiguration.PID)
public class EmailVerifications {

    public static final ProblemType INVALID_LINK = ProblemType.named("invalid-verification-link",
            "Invalid, used or expired verification link", 400);
    public static final ProblemType ALREADY_VERIFIED = ProblemType.named("email-already-verified",
            "E-mail address already verified",
            409);

    /** The token's shape: a prefix and 32 random bytes in URL-safe base64 (256 bits). */
    static final String PREFIX = "plv_";
    private static final Pattern TOKEN = Pattern.compile("plv_[A-Za-z0-9_-]{43}");

    private final VerificationRows rows;
    private final Consumer<UUID> announce;
    private final Duration lifetime;
    private final String link;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Mailer mailer;

    @Activate
    public EmailVerifications(@Reference Database database, @Reference EventAdmin events, IdentityConfiguration config) {
        this(new VerificationRows(database), account -> events.postEvent(new Event(IdentityEvents.EMAIL_VERIFIED,
                Map.of(IdentityEvents.ACCOUNT, account.toString()))), config, Clock.systemUTC());
    }

    EmailVerifications(VerificationRows rows, Consumer<UUID> announce, IdentityConfiguration config, Clock clock) {
        this.rows = rows;
        this.announce = announce;
        this.lifetime = Duration.ofHours(Math.max(1, config.verificationHours()));
        this.link = config.verificationLink().trim();
        this.clock = clock;
    }

    /** A new link for the account, valid for the configured hours; returns its token, which is not stored. */
    String issue(UUID account) {
        String token = PREFIX + Hashes.randomToken(32);
        Instant now = clock.instant();
        rows.store(Hashes.sha256(token), account, now.plus(lifetime), now);
        return token;
    }

    /**
     * Verifies the address of the account whose link this is, once.
     *
     * @throws ProblemException {@link #INVALID_LINK} if the token is malformed, unknown (altered),
     *         used or expired
     */
    public UUID verify(String token) {
        Optional<VerificationRows.Use> use = token != null && TOKEN.matcher(token.trim()).matches()
                ? rows.use(Hashes.sha256(token.trim()), clock.instant()) : Optional.empty();
        VerificationRows.Use used = use.orElseThrow(() -> new ProblemException(INVALID_LINK, "This verification link is not "
                + "valid: it was altered, used already, or is older than " + lifetime.toHours() + " hours. Sign in and ask "
                + "for a new one."));
        if (used.first()) {
            announce.accept(used.account());
        }
        return used.account();
    }

    public boolean verified(UUID account) {
        return rows.verifiedAt(account).isPresent();
    }

    /**
     * Mails a sign-up its link, or, if the address had an account already ({@code account} empty),
     * a notice saying so: one mail either way, so that the sign-up takes as long in both cases.
     */
    void welcome(String email, Optional<Account> account) {
        if (account.isPresent()) {
            send(email, "Confirm your e-mail address for Porchlight", linkText(issue(account.get().id()), true));
        } else {
            send(email, "Your Porchlight sign-up", """
                    Someone asked to sign up to Porchlight with this address, which has an account already.

                    If it was you, sign in with your password. If it was not you, ignore this message:
                    nothing has changed.
                    """);
        }
    }

    /** Mails a new link to a resident who asked for one; 503 if e-mail is not configured. */
    void resend(UUID account, String email) {
        if (mailer == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "E-mail is not configured on this server, so addresses "
                    + "cannot be verified.");
        }
        send(email, "Confirm your e-mail address for Porchlight", linkText(issue(account), false));
    }

    private String linkText(String token, boolean signUp) {
        String action = link.isEmpty() ? "enter this code where Porchlight asks for it:\n\n    " + token
                : "open this link:\n\n    " + link + token;
        return (signUp ? "Welcome to Porchlight. " : "") + """
                To confirm that this address is yours, %s

                It works once, within %d hours. Your account works without it; confirming tells Porchlight
                that a real person signed up (a referral code you entered counts only then).
                If you did not sign up to Porchlight, ignore this message.
                """.formatted(action, lifetime.toHours());
    }

    private void send(String email, String subject, String text) {
        // Without e-mail the account works unverified; the resident asks again once it is configured.
        AccountMail.send(mailer, email, subject, text);
    }
}
