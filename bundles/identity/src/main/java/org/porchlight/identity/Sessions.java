package org.porchlight.identity;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.store.Database;

/**
 * Refresh tokens: opaque, stored as SHA-256, single use. Using one returns its successor in the
 * same family; presenting one a second time (it was copied) revokes the whole family, as does
 * signing out.
 */
@Component(service = Sessions.class, configurationPid = IdentityConfiguration.PID)
public class Sessions {

    private final Database database;
    private final Duration lifetime;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public Sessions(@Reference Database database, IdentityConfiguration config) {
        this.database = database;
        this.lifetime = Duration.ofDays(config.refreshTokenDays());
    }

    /** Starts a sign-in: a new family and its first refresh token. */
    public String start(UUID account) {
        return database.inTransaction(c -> insert(c, UUID.randomUUID(), account));
    }

    /** The successor of {@code token}, with the account it belongs to; empty if it is not valid. */
    public Optional<Rotated> rotate(String token) {
        return database.inTransaction(c -> {
            UUID family;
            UUID account;
            try (PreparedStatement select = c.prepareStatement("SELECT family, account_id, expires_at, used_at, revoked_at "
                    + "FROM identity.refresh_token WHERE token_hash = ? FOR UPDATE")) {
                select.setString(1, Hashes.sha256(token));
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    family = rs.getObject(1, UUID.class);
                    account = rs.getObject(2, UUID.class);
                    boolean expired = Directory.instant(rs, 3).isBefore(clock.instant());
                    boolean reused = rs.getTimestamp(4) != null;
                    if (rs.getTimestamp(5) != null || expired) {
                        return Optional.empty();
                    }
                    if (reused) {
                        revokeFamily(c, family);
                        return Optional.<Rotated>empty();
                    }
                }
            }
            try (PreparedStatement use = c.prepareStatement("UPDATE identity.refresh_token SET used_at = ? WHERE token_hash = ?")) {
                use.setTimestamp(1, Timestamp.from(clock.instant()));
                use.setString(2, Hashes.sha256(token));
                use.executeUpdate();
            }
            return Optional.of(new Rotated(account, insert(c, family, account)));
        });
    }

    /** The account a refresh token belongs to and its successor. */
    public record Rotated(UUID account, String token) {
    }

    /** Signs out: revokes the token's family. Unknown tokens are ignored. */
    public void end(String token) {
        database.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT family FROM identity.refresh_token WHERE token_hash = ?")) {
                select.setString(1, Hashes.sha256(token));
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        revokeFamily(c, rs.getObject(1, UUID.class));
                    }
                }
            }
            return null;
        });
    }

    /** Revokes the rotation that a reused token belongs to, after the transaction that found it. */
    private void revokeFamily(java.sql.Connection c, UUID family) throws java.sql.SQLException {
        try (PreparedStatement revoke = c.prepareStatement(
                "UPDATE identity.refresh_token SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL")) {
            revoke.setTimestamp(1, Timestamp.from(clock.instant()));
            revoke.setObject(2, family);
            revoke.executeUpdate();
        }
    }

    private String insert(java.sql.Connection c, UUID family, UUID account) throws java.sql.SQLException {
        String token = "plr_" + Hashes.randomToken(32);
        Instant now = clock.instant();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO identity.refresh_token (token_hash, family, "
                + "account_id, expires_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, Hashes.sha256(token));
            insert.setObject(2, family);
            insert.setObject(3, account);
            insert.setTimestamp(4, Timestamp.from(now.plus(lifetime)));
            insert.executeUpdate();
        }
        return token;
    }
}
