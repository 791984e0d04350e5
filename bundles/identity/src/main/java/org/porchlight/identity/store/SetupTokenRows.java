package org.porchlight.identity.store;

import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** The one setup token that lets the first platform admin be created, kept by its SHA-256 only. */
public final class SetupTokenRows {

    private static final String DELETE_ALL = "DELETE FROM identity.setup_token";
    private static final String INSERT = "INSERT INTO identity.setup_token (id, token_hash, created_at) VALUES (1, ?, ?)";
    private static final String USE_UP = "DELETE FROM identity.setup_token WHERE token_hash = ?";

    private SetupTokenRows() {
    }

    /** Replaces the setup token with the one of this hash. */
    public static void replace(Connection c, String tokenHash, Instant now) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(DELETE_ALL);
                PreparedStatement insert = c.prepareStatement(INSERT)) {
            delete.executeUpdate();
            insert.setString(1, tokenHash);
            insert.setTimestamp(2, timestamp(now));
            insert.executeUpdate();
        }
    }

    /** Uses up the setup token of this hash; false if it is not the one kept. */
    public static boolean useUp(Connection c, String tokenHash) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(USE_UP)) {
            delete.setString(1, tokenHash);
            return delete.executeUpdate() == 1;
        }
    }
}
