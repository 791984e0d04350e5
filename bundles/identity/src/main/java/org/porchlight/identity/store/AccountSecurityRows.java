package org.porchlight.identity.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.store.Database;

/**
 * What decides whether an account's credentials still hold: its status, role and agency, read by
 * primary key for every authenticated request, and the changes to them (disabling, a new role),
 * which take the account's refresh tokens along where they must.
 */
public final class AccountSecurityRows {

    /** An account's standing now. */
    public record State(String status, String role, String agency) {
    }

    private static final String CURRENT = "SELECT a.status, a.role, g.code FROM identity.account a "
            + "LEFT JOIN identity.agency g ON g.id = a.agency_id WHERE a.id = ?";
    private static final String DISABLE_STAFF = "UPDATE identity.account SET status = 'DISABLED', activation_hash = NULL "
            + "WHERE id = ? AND agency_id = (SELECT id FROM identity.agency WHERE code = ?)";
    private static final String REVOKE_REFRESH_TOKENS = "UPDATE identity.refresh_token SET revoked_at = ? "
            + "WHERE account_id = ? AND revoked_at IS NULL";
    private static final String CHANGE_STAFF_ROLE = "UPDATE identity.account SET role = ? "
            + "WHERE id = ? AND agency_id = (SELECT id FROM identity.agency WHERE code = ?)";

    private final Database database;

    public AccountSecurityRows(Database database) {
        this.database = database;
    }

    public Optional<State> current(UUID account) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(CURRENT)) {
                select.setObject(1, account);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(new State(rs.getString(1), rs.getString(2), rs.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }

    /** Disables a staff account of the agency and revokes its refresh tokens; false if it has no such account. */
    public boolean disableStaff(String agencyCode, UUID account, Instant now) {
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(DISABLE_STAFF)) {
                update.setObject(1, account);
                update.setString(2, agencyCode.toUpperCase(Locale.ROOT));
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
}
