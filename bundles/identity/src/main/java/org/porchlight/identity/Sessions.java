package org.porchlight.identity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.store.Database;
import org.porchlight.identity.store.SessionRows;
import org.porchlight.identity.store.SessionRows.Standing;
import org.porchlight.identity.store.SessionRows.Token;

/**
 * Refresh tokens: opaque, stored as SHA-256, single use. Using one returns its successor in the
 * same family; presenting one a second time (it was copied) revokes the whole family, as does
 * signing out. The one exception is the reuse window ({@code refreshReuseSeconds}): a used token
 * presented again soon after, while its successor is still unused, gets that same successor. A
 * page's requests that all found the access token expired reach different nodes of a cluster at
 * once; without the window the second would sign the browser out.
 */
@Component(service = Sessions.class, configurationPid = IdentityConfiguration.PID)
public class Sessions {

    private final Database database;
    private final Duration lifetime;
    private final Duration reuseWindow;
    private final Clock clock;

    @Activate
    public Sessions(@Reference Database database, IdentityConfiguration config) {
        this(database, config, Clock.systemUTC());
    }

    Sessions(Database database, IdentityConfiguration config, Clock clock) {
        this.database = database;
        this.lifetime = Duration.ofDays(config.refreshTokenDays());
        this.reuseWindow = Duration.ofSeconds(Math.max(0, config.refreshReuseSeconds()));
        this.clock = clock;
    }

    /**
     * Starts a sign-in made with the password whose stored hash was {@code verifiedHash}: a new
     * family and its first refresh token, with the instant the access token of this sign-in is to
     * carry. Empty if the account is no longer active with that hash: the password was changed or
     * reset while the typed one was being checked. The account's row stays locked until the token is
     * stored, so a concurrent change either waits for it (and then revokes it) or has already
     * committed (and the hash differs).
     */
    public Optional<Started> start(UUID account, String verifiedHash) {
        return database.inTransaction(c -> {
            Optional<Standing> standing = SessionRows.lockAccount(c, account);
            if (standing.isEmpty() || !standing.get().passwordHash().equals(verifiedHash)) {
                return Optional.<Started>empty();
            }
            Instant at = clock.instant();
            return Optional.of(new Started(insert(c, UUID.randomUUID(), account, standing.get().validAfter()), at));
        });
    }

    /** A new refresh token and the instant, taken while the account's row was locked, its access token carries. */
    public record Started(String token, Instant at) {
    }

    /**
     * The successor of {@code token}, with the account it belongs to; empty if it is not valid, or
     * if the account's {@code tokens_valid_after} moved on (a new password, disabling) since the
     * family's sign-in. The account's row is locked first, as a password change locks it, so the two
     * never interleave.
     */
    public Optional<Rotated> rotate(String token) {
        return database.inTransaction(c -> {
            String hash = Hashes.sha256(token);
            Optional<UUID> owner = SessionRows.accountOf(c, hash);
            if (owner.isEmpty()) {
                return Optional.empty();
            }
            UUID account = owner.get();
            // Lock order: the account, then its token (as a password change: account, then tokens).
            Optional<Standing> standing = SessionRows.lockAccount(c, account);
            Optional<Token> locked = SessionRows.lockToken(c, hash);
            if (locked.isEmpty()) {
                return Optional.empty();
            }
            Token presented = locked.get();
            UUID family = presented.family();
            Instant familyValidAfter = presented.familyValidAfter();
            Instant at = clock.instant();
            if (presented.revokedAt() != null || presented.expiresAt().isBefore(at)) {
                return Optional.empty();
            }
            if (standing.isEmpty() || !Objects.equals(standing.get().validAfter(), familyValidAfter)) {
                revokeFamily(c, family); // a sign-in from before a new password or a disabling
                return Optional.<Rotated>empty();
            }
            if (presented.usedAt() != null) {
                Optional<String> successor = reusable(c, token, presented, at);
                if (successor.isEmpty()) {
                    revokeFamily(c, family);
                }
                return successor.map(next -> new Rotated(account, next, at));
            }
            String successor = insert(c, family, account, familyValidAfter);
            SessionRows.use(c, hash, at, SuccessorSeal.seal(token, successor));
            return Optional.of(new Rotated(account, successor, at));
        });
    }

    /**
     * The successor of a used token presented again within the reuse window, if the successor is
     * still unused: the same browser renewing twice at once. Locked after the account's row, as
     * every rotation, so a rotation of the successor cannot interleave.
     */
    private Optional<String> reusable(Connection c, String token, Token used, Instant at) throws SQLException {
        if (at.isAfter(used.usedAt().plus(reuseWindow))) {
            return Optional.empty();
        }
        Optional<String> successor = SuccessorSeal.open(token, used.successorSealed());
        if (successor.isEmpty()) {
            return Optional.empty();
        }
        Optional<Token> next = SessionRows.lockToken(c, Hashes.sha256(successor.get()));
        return next.isPresent() && next.get().usable(at) ? successor : Optional.empty();
    }

    /** The account a refresh token belongs to, its successor and the instant its access token carries. */
    public record Rotated(UUID account, String token, Instant at) {
    }

    /** Signs out: revokes the token's family. Unknown tokens are ignored. */
    public void end(String token) {
        database.inTransaction(c -> {
            Optional<UUID> family = SessionRows.familyOf(c, Hashes.sha256(token));
            if (family.isPresent()) {
                revokeFamily(c, family.get());
            }
            return null;
        });
    }

    /** Revokes the rotation that a reused token belongs to, after the transaction that found it. */
    private void revokeFamily(Connection c, UUID family) throws SQLException {
        SessionRows.revokeFamily(c, family, clock.instant());
    }

    private String insert(Connection c, UUID family, UUID account, Instant familyValidAfter) throws SQLException {
        String token = "plr_" + Hashes.randomToken(32);
        SessionRows.insert(c, Hashes.sha256(token), family, account, clock.instant().plus(lifetime), familyValidAfter);
        return token;
    }
}
