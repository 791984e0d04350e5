package org.porchlight.identity.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.porchlight.sql.Rows;

/** The fingerprints of the keys every node of the installation must share, in {@code identity.cluster_key}. */
public final class ClusterKeyRows {

    private static final String FIND = "SELECT fingerprint FROM identity.cluster_key WHERE name = ?";
    private static final String INSERT = "INSERT INTO identity.cluster_key (name, fingerprint, recorded_at) VALUES (?, ?, ?)";
    private static final String UPDATE = "UPDATE identity.cluster_key SET fingerprint = ?, recorded_at = ? WHERE name = ?";

    private ClusterKeyRows() {
    }

    public static Optional<String> find(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FIND)) {
            s.setString(1, name);
            return Rows.first(s, rs -> rs.getString(1));
        }
    }

    /** Records the fingerprint unless one is recorded; returns the one that stands. */
    public static String recordFirst(Connection c, String name, String fingerprint, Instant at) throws SQLException {
        Optional<String> recorded = find(c, name);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, name);
            s.setString(2, fingerprint);
            s.setTimestamp(3, Rows.timestamp(at));
            s.executeUpdate();
        }
        return fingerprint;
    }

    /** Records a new fingerprint (a key rotation); the row exists once any node started. */
    public static void replace(Connection c, String name, String fingerprint, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPDATE)) {
            s.setString(1, fingerprint);
            s.setTimestamp(2, Rows.timestamp(at));
            s.setString(3, name);
            if (s.executeUpdate() == 0) {
                recordFirst(c, name, fingerprint, at);
            }
        }
    }
}
