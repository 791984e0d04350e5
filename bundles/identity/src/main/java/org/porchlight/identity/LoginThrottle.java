package org.porchlight.identity;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.store.Database;

/**
 * Failed sign-ins, counted per account (by the e-mail address given, whether or not it has an
 * account) and, with a higher allowance because many people may share one address, per client
 * address, in the database so that every node sees them. After a few
 * free failures each further one blocks the subject for twice as long as the last, up to a cap;
 * a successful sign-in clears the account's count.
 */
@Component(service = LoginThrottle.class, configurationPid = IdentityConfiguration.PID)
public class LoginThrottle {

    private final Database database;
    private final int freePerAccount;
    private final int freePerAddress;
    private final Duration max;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public LoginThrottle(@Reference Database database, IdentityConfiguration config) {
        this.database = database;
        this.freePerAccount = config.freeLoginFailures();
        this.freePerAddress = config.freeAddressFailures();
        this.max = Duration.ofSeconds(config.maxLoginBackoffSeconds());
    }

    private static String accountSubject(String email) {
        return Hashes.sha256("account:" + Directory.normalise(email));
    }

    private static String addressSubject(String address) {
        return Hashes.sha256("address:" + address);
    }

    /** How long a sign-in to {@code email} from {@code address} must still wait, if it is blocked. */
    public Optional<Duration> blocked(String email, String address) {
        List<String> subjects = List.of(accountSubject(email), addressSubject(address));
        Instant now = clock.instant();
        return database.withConnection(c -> {
            Duration longest = Duration.ZERO;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT blocked_until FROM identity.login_throttle WHERE subject = ?")) {
                for (String subject : subjects) {
                    select.setString(1, subject);
                    try (ResultSet rs = select.executeQuery()) {
                        Instant until = rs.next() ? Directory.instant(rs, 1) : null;
                        if (until != null && until.isAfter(now) && Duration.between(now, until).compareTo(longest) > 0) {
                            longest = Duration.between(now, until);
                        }
                    }
                }
            }
            return longest.isZero() ? Optional.empty() : Optional.of(longest);
        });
    }

    public void failed(String email, String address) {
        Instant now = clock.instant();
        database.inTransaction(c -> {
            for (Map.Entry<String, Integer> entry : Map.of(accountSubject(email), freePerAccount,
                    addressSubject(address), freePerAddress).entrySet()) {
                String subject = entry.getKey();
                int free = entry.getValue();
                try (PreparedStatement create = c.prepareStatement("INSERT INTO identity.login_throttle (subject, failures, "
                        + "updated_at) VALUES (?, 0, ?) ON CONFLICT DO NOTHING")) {
                    create.setString(1, subject);
                    create.setTimestamp(2, Timestamp.from(now));
                    create.executeUpdate();
                }
                int failures;
                try (PreparedStatement select = c.prepareStatement(
                        "SELECT failures FROM identity.login_throttle WHERE subject = ? FOR UPDATE")) {
                    select.setString(1, subject);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        failures = rs.getInt(1) + 1;
                    }
                }
                Instant until = failures > free ? now.plus(backoff(failures - free)) : null;
                try (PreparedStatement write = c.prepareStatement("UPDATE identity.login_throttle SET failures = ?, "
                        + "blocked_until = ?, updated_at = ? WHERE subject = ?")) {
                    write.setInt(1, failures);
                    write.setTimestamp(2, until == null ? null : Timestamp.from(until));
                    write.setTimestamp(3, Timestamp.from(now));
                    write.setString(4, subject);
                    write.executeUpdate();
                }
            }
            return null;
        });
    }

    public void succeeded(String email) {
        database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM identity.login_throttle WHERE subject = ?")) {
                delete.setString(1, accountSubject(email));
                return delete.executeUpdate();
            }
        });
    }

    /** 1 s after the first failure beyond the free ones, then 2, 4, 8 ... up to the cap. */
    Duration backoff(int beyondFree) {
        long seconds = 1L << Math.min(beyondFree - 1, 30);
        return seconds > max.toSeconds() ? max : Duration.ofSeconds(seconds);
    }
}
