package org.porchlight.identity.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.store.Database;
import org.porchlight.sql.Rows;

/**
 * An account's password and what hangs on it: the stored hash, the links that reset it (in
 * {@code identity.password_reset}, by the SHA-256 of their token only), the sign-ins and keys a new
 * password ends (refresh tokens and API keys revoked, access tokens refused from
 * {@code tokens_valid_after}) and the time of the last sign-in. A new password is set with the
 * account's row locked first and {@code tokens_valid_after} stamped then, so that a sign-in holding
 * the lock before (see {@code Sessions}) has its access token issued earlier.
 */
public final class CredentialRows {

    /** An active account's address and password hash, for checking a typed password. */
    public record Credential(UUID account, String email, String passwordHash) {
    }

    private static final String ACTIVE_BY_EMAIL = "SELECT id, email, password_hash FROM identity.account "
            + "WHERE email = ? AND status = 'ACTIVE'";
    private static final String ACTIVE_BY_ID = "SELECT id, email, password_hash FROM identity.account "
            + "WHERE id = ? AND status = 'ACTIVE'";
    private static final String FIND_RESET = "SELECT r.account_id, r.expires_at, a.email FROM identity.password_reset r "
            + "JOIN identity.account a ON a.id = r.account_id WHERE r.token_hash = ? AND a.status = 'ACTIVE'";
    private static final String LOCK_ACCOUNT = "SELECT id FROM identity.account WHERE id = ? AND status = 'ACTIVE' FOR UPDATE";
    private static final String SET_PASSWORD = "UPDATE identity.account SET password_hash = ?, tokens_valid_after = ? "
            + "WHERE id = ? AND status = 'ACTIVE'";
    private static final String REVOKE_REFRESH_TOKENS = "UPDATE identity.refresh_token SET revoked_at = ? "
            + "WHERE account_id = ? AND revoked_at IS NULL";
    private static final String REVOKE_API_KEYS = "UPDATE identity.api_key SET revoked_at = ? "
            + "WHERE account_id = ? AND revoked_at IS NULL";
    private static final String PENDING_BY_ACTIVATION = "SELECT id, email, created_at, activation_expires_at "
            + "FROM identity.account WHERE activation_hash = ? AND status = 'PENDING' FOR UPDATE";
    private static final String ACTIVATE = "UPDATE identity.account SET password_hash = ?, status = 'ACTIVE', "
            + "activation_hash = NULL, activation_expires_at = NULL WHERE id = ?";
    private static final String REPLACE_HASH = "UPDATE identity.account SET password_hash = ? WHERE id = ? AND password_hash = ?";
    private static final String SIGNED_IN = "UPDATE identity.account SET last_sign_in_at = ? WHERE id = ?";

    /** A pending account found by its activation token's hash; {@code expiresAt} is null for a first invitation. */
    public record PendingActivation(UUID account, String email, Instant createdAt, Instant expiresAt) {
    }

    private final Database database;
    /** The clock access tokens are stamped with (see {@code Tokens}), for {@code tokens_valid_after}. */
    private final Clock tokenClock = Clock.systemUTC();

    public CredentialRows(Database database) {
        this.database = database;
    }

    /** The active account with this (normalised) address, if there is one. */
    public Optional<Credential> activeByEmail(String email) {
        return credential(ACTIVE_BY_EMAIL, email);
    }

    /** The account, if it is active. */
    public Optional<Credential> active(UUID account) {
        return credential(ACTIVE_BY_ID, account);
    }

    private Optional<Credential> credential(String sql, Object key) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                select.setObject(1, key);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new Credential(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                            : Optional.<Credential>empty();
                }
            }
        });
    }

    /** Keeps a new reset link for the account; links expired before {@code now} are forgotten on the way. */
    public void storeReset(String tokenHash, UUID account, Instant expiresAt, Instant now) {
        LinkRows.store(database, LinkRows.Table.PASSWORD_RESET, tokenHash, account, expiresAt, now);
    }

    /**
     * Uses up the reset link with this hash if it exists, has not expired at {@code now} and its
     * account is active: {@code newHash} (computed from the account's address by {@code hasher},
     * which may refuse the password by throwing, leaving the link as it was) becomes the password,
     * every link of the account is deleted, every sign-in of it ended and every API key of it
     * revoked, in one transaction that
     * locks the account's row first (of two concurrent uses the lock lets one through). The (slow)
     * hash is computed before that transaction, holding no lock. Returns the account.
     */
    public Optional<UUID> reset(String tokenHash, Instant now, PasswordFor hasher) {
        Optional<ResetLink> link = resetLink(tokenHash, now);
        if (link.isEmpty()) {
            return Optional.empty();
        }
        UUID account = link.get().account();
        String hash = hasher.hash(link.get().email());
        return database.inTransaction(c -> {
            // Every use of the account's links locks the account first: under the lock, the link is found
            // again as it was, or another request used it (or changed the address the hash was checked with).
            if (!lock(c, account) || !resetLink(c, tokenHash, now).equals(link)) {
                return Optional.<UUID>empty();
            }
            LinkRows.useUp(c, LinkRows.Table.PASSWORD_RESET, account);
            return setPassword(c, account, hash, now) ? Optional.of(account) : Optional.<UUID>empty();
        });
    }

    private record ResetLink(UUID account, String email) {
    }

    private Optional<ResetLink> resetLink(String tokenHash, Instant now) {
        return database.withConnection(c -> resetLink(c, tokenHash, now));
    }

    private static Optional<ResetLink> resetLink(Connection c, String tokenHash, Instant now) throws SQLException {
        try (PreparedStatement find = c.prepareStatement(FIND_RESET)) {
            find.setString(1, tokenHash);
            try (ResultSet rs = find.executeQuery()) {
                return rs.next() && Rows.instant(rs, 2).isAfter(now)
                        ? Optional.of(new ResetLink(rs.getObject(1, UUID.class), rs.getString(3))) : Optional.empty();
            }
        }
    }

    /** Gives the active account a new password hash, ends every sign-in and revokes every API key of it; false if it is not active. */
    public boolean changePassword(UUID account, String newHash, Instant now) {
        return database.inTransaction(c -> {
            boolean changed = lock(c, account) && setPassword(c, account, newHash, now);
            if (changed) {
                LinkRows.useUp(c, LinkRows.Table.PASSWORD_RESET, account); // a link asked for earlier must not undo it
            }
            return changed;
        });
    }

    private static boolean lock(Connection c, UUID account) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK_ACCOUNT)) {
            lock.setObject(1, account);
            try (ResultSet rs = lock.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** With the account's row locked: the new hash, {@code tokens_valid_after} stamped now, refresh tokens and API keys revoked. */
    private boolean setPassword(Connection c, UUID account, String hash, Instant now) throws SQLException {
        try (PreparedStatement set = c.prepareStatement(SET_PASSWORD);
                PreparedStatement revoke = c.prepareStatement(REVOKE_REFRESH_TOKENS);
                PreparedStatement revokeKeys = c.prepareStatement(REVOKE_API_KEYS)) {
            set.setString(1, hash);
            set.setTimestamp(2, Rows.timestamp(tokenClock.instant())); // taken under the lock, after any sign-in holding it
            set.setObject(3, account);
            if (set.executeUpdate() != 1) {
                return false;
            }
            for (PreparedStatement r : new PreparedStatement[] {revoke, revokeKeys}) {
                r.setTimestamp(1, Rows.timestamp(now));
                r.setObject(2, account);
                r.executeUpdate();
            }
            return true;
        }
    }

    /** Replaces the account's password hash with a stronger one of the same password; false if the hash changed meanwhile. */
    public boolean replaceHash(UUID account, String oldHash, String newHash) {
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(REPLACE_HASH)) {
                update.setString(1, newHash);
                update.setObject(2, account);
                update.setString(3, oldHash);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Records a successful sign-in. */
    public void signedIn(UUID account, Instant at) {
        database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(SIGNED_IN)) {
                update.setTimestamp(1, Rows.timestamp(at));
                update.setObject(2, account);
                return update.executeUpdate();
            }
        });
    }

    /** The hash of a new password for the account with this address; throws to refuse the password. */
    @FunctionalInterface
    public interface PasswordFor {
        String hash(String email);
    }

    /** The pending account this activation token's hash belongs to, its row locked for {@link #activate}. */
    public static Optional<PendingActivation> lockPending(Connection c, String activationHash) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(PENDING_BY_ACTIVATION)) {
            select.setString(1, activationHash);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new PendingActivation(rs.getObject(1, UUID.class), rs.getString(2),
                        Rows.instant(rs, 3), rs.getTimestamp(4) == null ? null : Rows.instant(rs, 4))) : Optional.empty();
            }
        }
    }

    /** Sets a pending account's first password and makes it active; its activation token stops working. */
    public static void activate(Connection c, UUID account, String passwordHash) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(ACTIVATE)) {
            update.setString(1, passwordHash);
            update.setObject(2, account);
            update.executeUpdate();
        }
    }
}
