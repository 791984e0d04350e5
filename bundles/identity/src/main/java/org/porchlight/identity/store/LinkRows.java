package org.porchlight.identity.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

import org.porchlight.api.store.Database;
import org.porchlight.sql.Rows;

/**
 * Single-use links mailed to an account's address, kept by the SHA-256 of their token only, in a
 * table of {@code (token_hash, account_id, expires_at)}: {@code identity.email_verification} and
 * {@code identity.password_reset}. Using one deletes every link of its account.
 */
final class LinkRows {

    /** The tables of links; the SQL names one of these, never anything a caller passes. */
    enum Table {
        EMAIL_VERIFICATION("identity.email_verification"), PASSWORD_RESET("identity.password_reset");

        private final String forgetExpired;
        private final String insert;
        private final String useUp;

        Table(String name) {
            this.forgetExpired = "DELETE FROM " + name + " WHERE expires_at < ?";
            this.insert = "INSERT INTO " + name + " (token_hash, account_id, expires_at) VALUES (?, ?, ?)";
            this.useUp = "DELETE FROM " + name + " WHERE account_id = ?";
        }
    }

    private LinkRows() {
    }

    /** Keeps a new link for the account; links expired before {@code now} are forgotten on the way. */
    static void store(Database database, Table table, String tokenHash, UUID account, Instant expiresAt, Instant now) {
        database.inTransaction(c -> {
            try (PreparedStatement forget = c.prepareStatement(table.forgetExpired);
                    PreparedStatement insert = c.prepareStatement(table.insert)) {
                forget.setTimestamp(1, Rows.timestamp(now));
                forget.executeUpdate();
                insert.setString(1, tokenHash);
                insert.setObject(2, account);
                insert.setTimestamp(3, Rows.timestamp(expiresAt));
                return insert.executeUpdate();
            }
        });
    }

    /** Deletes every link of the account; false if it had none (another request used it at this moment). */
    static boolean useUp(Connection c, Table table, UUID account) throws SQLException {
        try (PreparedStatement useUp = c.prepareStatement(table.useUp)) {
            useUp.setObject(1, account);
            return useUp.executeUpdate() > 0;
        }
    }
}
