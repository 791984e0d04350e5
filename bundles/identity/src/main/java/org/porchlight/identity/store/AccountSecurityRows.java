package org.porchlight.identity.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.store.Database;
import org.porchlight.sql.Rows;

/**
 * What decides whether an account's credentials still hold: its status, role and agency, read by
 * primary key for every authenticated request, and the changes to them (disabling, a new role),
 * which take the account's refresh tokens along where they must.
 */
public final class AccountSecurityRows {

    /** An account's standing now; access tokens issued before {@code tokensValidAfter} (if set) no longer hold. */
    public record State(String status, String role, String agency, Instant tokensValidAfter) {
    }

    private static final String CURRENT = "SELECT a.status, a.role, g.code, a.tokens_valid_after FROM identity.account a "
            + "LEFT JOIN identity.agency g ON g.id = a.agency_id WHERE a.id = ?";
    // Ends its access tokens for good: enabled again within their lifetime, they would be accepted again.
    private static final String DISABLE_STAFF = "UPDATE identity.account SET status = 'DISABLED', activation_hash = NULL, "
            + "tokens_valid_after = ? WHERE id = ? AND agency_id = (SELECT id FROM identity.agency WHERE code = ?)";
    private static final String REVOKE_REFRESH_TOKENS = "UPDATE identity.refresh_token SET revoked_at = ? "
            + "WHERE account_id = ? AND revoked_at IS NULL";
    private static final String CHANGE_STAFF_ROLE = "UPDATE identity.account SET role = ? "
            + "WHERE id = ? AND agency_id = (SELECT id FROM identity.agency WHERE code = ?)";

    private static final String ENABLE_STAFF = "UPDATE identity.account SET status = CASE WHEN password_hash IS NULL "
            + "THEN 'PENDING' ELSE 'ACTIVE' END WHERE id = ? AND status = 'DISABLED' "
            + "AND agency_id = (SELECT id FROM identity.agency WHERE code = ?)";
    private static final String STAFF_STATUS = "SELECT status FROM identity.account "
            + "WHERE id = ? AND agency_id = (SELECT id FROM identity.agency WHERE code = ?) FOR UPDATE";
    private static final String REISSUE = "UPDATE identity.account SET activation_hash = ?, activation_expires_at = ? "
            + "WHERE id = ? AND status = 'PENDING'";

    private final Database database;

    public AccountSecurityRows(Database database) {
        this.database = database;
    }

    public Optional<State> current(UUID account) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(CURRENT)) {
                select.setObject(1, account);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new State(rs.getString(1), rs.getString(2), rs.getString(3),
                            Rows.instant(rs, 4)))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * Disables a staff account of the agency, revokes its refresh tokens and refuses its access tokens
     * issued before {@code now}, also once it is enabled again; false if it has no such account.
     */
    public boolean disableStaff(String agencyCode, UUID account, Instant now) {
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(DISABLE_STAFF)) {
                update.setTimestamp(1, Rows.timestamp(now));
                update.setObject(2, account);
                update.setString(3, agencyCode.toUpperCase(Locale.ROOT));
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            try (PreparedStatement revoke = c.prepareStatement(REVOKE_REFRESH_TOKENS)) {
                revoke.setTimestamp(1, Rows.timestamp(now));
                revoke.setObject(2, account);
                revoke.executeUpdate();
            }
            return true;
        });
    }

    /** Gives a staff account of the agency another staff role; false if it has no such account. */
    public boolean changeStaffRole(String agencyCode, UUID account, String role) {
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(CHANGE_STAFF_ROLE)) {
                update.setString(1, role);
                update.setObject(2, account);
                update.setString(3, agencyCode.toUpperCase(Locale.ROOT));
                return update.executeUpdate() == 1;
            }
        });
    }

    /**
     * Enables a disabled staff account of the agency again: active if it has a password, else pending
     * (an invitation disabled before it was used needs a new one). Empty if the agency has no such
     * account; false if it was not disabled.
     */
    public Optional<Boolean> enableStaff(String agencyCode, UUID account) {
        return database.inTransaction(c -> {
            Optional<String> status = staffStatus(c, agencyCode, account);
            if (status.isEmpty()) {
                return Optional.<Boolean>empty();
            }
            try (PreparedStatement update = c.prepareStatement(ENABLE_STAFF)) {
                update.setObject(1, account);
                update.setString(2, agencyCode.toUpperCase(Locale.ROOT));
                return Optional.of(update.executeUpdate() == 1);
            }
        });
    }

    /**
     * Replaces the activation token of a pending staff account of the agency (the old one stops
     * working). Empty if the agency has no such account; false if it is not pending.
     */
    public Optional<Boolean> reissueInvitation(String agencyCode, UUID account, String tokenHash, Instant expiresAt) {
        return database.inTransaction(c -> {
            Optional<String> status = staffStatus(c, agencyCode, account);
            if (status.isEmpty()) {
                return Optional.<Boolean>empty();
            }
            try (PreparedStatement update = c.prepareStatement(REISSUE)) {
                update.setString(1, tokenHash);
                update.setTimestamp(2, Rows.timestamp(expiresAt));
                update.setObject(3, account);
                return Optional.of(update.executeUpdate() == 1);
            }
        });
    }

    private static Optional<String> staffStatus(Connection c, String agencyCode, UUID account)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement(STAFF_STATUS)) {
            select.setObject(1, account);
            select.setString(2, agencyCode.toUpperCase(Locale.ROOT));
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
