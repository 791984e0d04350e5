package org.porchlight.identity.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.porchlight.sql.Rows;

/** The last rotation of the token signing keys, one row that rotations lock to take turns across nodes. */
public final class KeyRotationRows {

    private static final String LOCK_LAST = "SELECT rotated_at FROM identity.key_rotation WHERE id = 1 FOR UPDATE";
    private static final String RECORD = "UPDATE identity.key_rotation SET kid = ?, rotated_at = ? WHERE id = 1";

    private KeyRotationRows() {
    }

    /** When the keys were last rotated, locking the row until the transaction ends. */
    public static Optional<Instant> lockLast(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(LOCK_LAST); ResultSet rs = select.executeQuery()) {
            return rs.next() ? Optional.ofNullable(Rows.instant(rs, 1)) : Optional.empty();
        }
    }

    public static void record(Connection c, String kid, Instant at) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(RECORD)) {
            update.setString(1, kid);
            update.setTimestamp(2, Rows.timestamp(at));
            update.executeUpdate();
        }
    }
}
