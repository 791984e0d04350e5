package org.porchlight.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.ThrottleRows;

/**
 * Limits on what costs nothing to repeat and feeds incentives or mailboxes: resident sign-ups per
 * client network (an IPv4 address or IPv6 /64, as {@link LoginThrottle} counts them) and
 * verification mails per account. Each is a count in the shared throttle table (every node sees
 * it): up to its allowance within the window pass; the next one is refused and blocks the subject
 * for the window. A count is forgotten a window after its last use. Password reset requests are
 * counted the same way, per client network and per mailbox. Every sign-up attempt counts,
 * for an address that has an account already as for a new one, so that a refusal tells nothing
 * about who has an account.
 */
@Component(service = SignUpThrottle.class, configurationPid = IdentityConfiguration.PID)
public class SignUpThrottle {

    private final ThrottleRows rows;
    private final int signUps;
    private final int resends;
    private final int resets;
    private final Duration window;
    private final Duration housekeeping;
    private final Clock clock;

    @Activate
    public SignUpThrottle(@Reference Database database, IdentityConfiguration config) {
        this(new ThrottleRows(database), config, Clock.systemUTC());
    }

    SignUpThrottle(ThrottleRows rows, IdentityConfiguration config, Clock clock) {
        this.rows = rows;
        this.signUps = Math.max(1, config.signUpsPerAddress());
        this.resends = Math.max(1, config.verificationResends());
        this.resets = Math.max(1, config.passwordResetsPerAddress());
        this.window = Duration.ofMinutes(Math.max(1, config.signUpWindowMinutes()));
        this.housekeeping = LoginThrottle.housekeeping(config);
        this.clock = clock;
    }

    /** Counts a sign-up from {@code address}; empty if it may go ahead, else how long the address must wait. */
    public Optional<Duration> signUp(String address) {
        return take(Hashes.sha256("signup:" + LoginThrottle.network(address)), signUps);
    }

    /** Counts a request for another verification mail; empty if it may be sent, else how long to wait. */
    public Optional<Duration> resend(UUID account) {
        return take(Hashes.sha256("verification-mail:" + account), resends);
    }

    /** Counts a password reset request from {@code address}; empty if it may go ahead, else how long to wait. */
    public Optional<Duration> passwordReset(String address) {
        return take(Hashes.sha256("password-reset:" + LoginThrottle.network(address)), resets);
    }

    /**
     * Counts a reset mail to {@code email}, known or not: empty if it may be sent. Past the allowance
     * ({@code verificationResends} per window) mails are not sent, while the answer stays the same, so
     * that nobody fills a mailbox from many networks and nobody learns anything from a refusal.
     */
    public Optional<Duration> resetMail(String email) {
        return take(Hashes.sha256("password-reset-mail:" + email), resends);
    }

    private Optional<Duration> take(String subject, int allowance) {
        Instant now = clock.instant();
        Optional<Instant> blocked = rows.blockedUntil(List.of(subject), now);
        if (blocked.isPresent()) {
            return Optional.of(Duration.between(now, blocked.get()));
        }
        // The count is taken under the row's lock: of concurrent attempts exactly the allowance passes.
        AtomicInteger count = new AtomicInteger();
        rows.fail(List.of(subject), now, now.minus(window), now.minus(housekeeping), (s, uses) -> {
            count.set(uses);
            return uses > allowance ? Optional.of(now.plus(window)) : Optional.empty();
        });
        return count.get() > allowance ? Optional.of(window) : Optional.empty();
    }
}
