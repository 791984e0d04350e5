package org.porchlight.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.ClusterKeyRows;
import org.porchlight.identity.store.KeyRotationRows;

/**
 * Rotation of the token signing key, at most once per {@code keyRotationMinutes} across the whole
 * cluster: a rotation locks the database row of the last one, so that rotations on several nodes
 * take turns, and one too soon after the last is refused with 429 and {@code Retry-After}.
 */
@Component(service = KeyRotations.class, configurationPid = IdentityConfiguration.PID)
public class KeyRotations {

    static final ProblemType TOO_SOON = ProblemType.named("key-rotation-too-soon", "Signing key rotated too recently", 429);

    private final Database database;
    private final Tokens tokens;
    private final Duration interval;
    private final Clock clock;

    @Activate
    public KeyRotations(@Reference Database database, @Reference Tokens tokens, IdentityConfiguration config) {
        this(database, tokens, Duration.ofMinutes(config.keyRotationMinutes()), Clock.systemUTC());
    }

    KeyRotations(Database database, Tokens tokens, Duration interval, Clock clock) {
        this.database = database;
        this.tokens = tokens;
        this.interval = interval;
        this.clock = clock;
    }

    /** Rotates the key and returns the new key's id, or refuses if the last rotation is too recent. */
    public String rotate() {
        return database.inTransaction(c -> {
            Instant now = clock.instant();
            Optional<Instant> last = KeyRotationRows.lockLast(c);
            Optional<Duration> wait = last.map(at -> Duration.between(now, at.plus(interval)))
                    .filter(d -> !d.isNegative() && !d.isZero());
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                throw new ProblemException(TOO_SOON, "The signing key was rotated at " + last.get() + "; the next rotation "
                        + "is possible in " + seconds + " s.").withHeader("Retry-After", Long.toString(seconds));
            }
            String kid;
            try {
                kid = tokens.rotate();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the signing keys", e);
            }
            KeyRotationRows.record(c, kid, now);
            ClusterKeyRows.replace(c, ClusterKeys.SIGNING, tokens.signingFingerprint(), now);
            return kid;
        });
    }
}
