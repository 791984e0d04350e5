package org.porchlight.identity.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

import org.porchlight.api.store.Database;

/**
 * The deletion of a resident's account: its credentials (sign-ins, verification links, API keys)
 * and the row with the address and name, in one transaction. Staff accounts are not deleted here.
 */
public final class AccountErasureRows {

    // The account's row first, as a sign-in, a refresh and a new password lock it: the same order, no deadlock.
    private static final String LOCK = "SELECT id FROM identity.account WHERE id = ? AND role = 'RESIDENT' FOR UPDATE";
    private static final String REFRESH_TOKENS = "DELETE FROM identity.refresh_token WHERE account_id = ?";
    private static final String VERIFICATIONS = "DELETE FROM identity.email_verification WHERE account_id = ?";
    private static final String API_KEYS = "DELETE FROM identity.api_key WHERE account_id = ?";
    private static final String ACCOUNT = "DELETE FROM identity.account WHERE id = ? AND role = 'RESIDENT'";

    private final Database database;

    public AccountErasureRows(Database database) {
        this.database = database;
    }

    /** Deletes the resident's account and what hangs on it; the rows removed, 0 if there was no such resident. */
    public long delete(UUID account) {
        return database.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement(LOCK)) {
                lock.setObject(1, account);
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        return 0L; // not a resident (or gone already)
                    }
                }
            }
            long removed = 0;
            for (String sql : new String[] {REFRESH_TOKENS, VERIFICATIONS, API_KEYS}) {
                removed += delete(c, sql, account);
            }
            long accounts = delete(c, ACCOUNT, account);
            if (accounts == 0) {
                c.rollback(); // not a resident (or gone already): their credentials stay as they were
                return 0L;
            }
            return removed + accounts;
        });
    }

    private static long delete(Connection c, String sql, UUID account) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(sql)) {
            delete.setObject(1, account);
            return delete.executeUpdate();
        }
    }
}
