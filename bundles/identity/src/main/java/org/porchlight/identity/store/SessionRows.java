package org.porchlight.identity.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.sql.Rows;

/**
 * The SQL of sign-in sessions: refresh tokens in {@code identity.refresh_token}, kept by their SHA-256 only and grouped
 * in families, and the account's standing read under its row's lock. Every method runs in the caller's transaction.
 */
public final class SessionRows {

    private static final String ACCOUNT_OF = "SELECT account_id FROM identity.refresh_token WHERE token_hash = ?";
    private static final String FAMILY_OF = "SELECT family FROM identity.refresh_token WHERE token_hash = ?";
    private static final String LOCK_TOKEN = "SELECT family, account_id, expires_at, used_at, revoked_at, family_valid_after, "
            + "successor_sealed FROM identity.refresh_token WHERE token_hash = ? FOR UPDATE";
    private static final String LOCK_ACCOUNT = "SELECT password_hash, tokens_valid_after FROM identity.account "
            + "WHERE id = ? AND status = 'ACTIVE' FOR UPDATE";
    private static final String USE = "UPDATE identity.refresh_token SET used_at = ?, successor_sealed = ? WHERE token_hash = ?";
    private static final String REVOKE_FAMILY = "UPDATE identity.refresh_token SET revoked_at = ? "
            + "WHERE family = ? AND revoked_at IS NULL";
    private static final String INSERT = "INSERT INTO identity.refresh_token (token_hash, family, account_id, expires_at, "
            + "family_valid_after) VALUES (?, ?, ?, ?, ?)";

    /** An active account's password hash and {@code tokens_valid_after}, as read under the row's lock. */
    public record Standing(String passwordHash, Instant validAfter) {
    }

    /** A refresh token as read under its row's lock; a used one keeps its successor, sealed. */
    public record Token(UUID family, UUID account, Instant expiresAt, Instant usedAt, Instant revokedAt,
            Instant familyValidAfter, byte[] successorSealed) {

        /** Neither used, revoked nor expired at {@code now}. */
        public boolean usable(Instant now) {
            return usedAt == null && revokedAt == null && !expiresAt.isBefore(now);
        }
    }

    private SessionRows() {
    }

    /** The account the token with this hash belongs to, without locking anything. */
    public static Optional<UUID> accountOf(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ACCOUNT_OF)) {
            s.setString(1, tokenHash);
            return Rows.first(s, rs -> rs.getObject(1, UUID.class));
        }
    }

    public static Optional<UUID> familyOf(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FAMILY_OF)) {
            s.setString(1, tokenHash);
            return Rows.first(s, rs -> rs.getObject(1, UUID.class));
        }
    }

    /** The token with this hash, its row locked until the transaction ends. */
    public static Optional<Token> lockToken(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK_TOKEN)) {
            s.setString(1, tokenHash);
            return Rows.first(s, rs -> new Token(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), instant(rs, 3),
                    instant(rs, 4), instant(rs, 5), instant(rs, 6), rs.getBytes(7)));
        }
    }

    /** The account's standing, its row locked until the transaction ends; empty unless it is active with a password. */
    public static Optional<Standing> lockAccount(Connection c, UUID account) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK_ACCOUNT)) {
            s.setObject(1, account);
            return Rows.first(s, rs -> new Standing(rs.getString(1), instant(rs, 2))).filter(st -> st.passwordHash() != null);
        }
    }

    /** Marks the token as used, keeping its successor sealed: presented again, it gives its family away. */
    public static void use(Connection c, String tokenHash, Instant at, byte[] successorSealed) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(USE)) {
            s.setTimestamp(1, timestamp(at));
            s.setBytes(2, successorSealed);
            s.setString(3, tokenHash);
            s.executeUpdate();
        }
    }

    public static void revokeFamily(Connection c, UUID family, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(REVOKE_FAMILY)) {
            s.setTimestamp(1, timestamp(at));
            s.setObject(2, family);
            s.executeUpdate();
        }
    }

    public static void insert(Connection c, String tokenHash, UUID family, UUID account, Instant expiresAt,
            Instant familyValidAfter) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, tokenHash);
            s.setObject(2, family);
            s.setObject(3, account);
            s.setTimestamp(4, timestamp(expiresAt));
            s.setTimestamp(5, timestamp(familyValidAfter));
            s.executeUpdate();
        }
    }
}
