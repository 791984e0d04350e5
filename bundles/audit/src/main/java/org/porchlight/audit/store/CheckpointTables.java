package org.porchlight.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.porchlight.audit.chain.Checkpoint;
import org.porchlight.audit.chain.CheckpointKey;

/** The SQL of the chain's signed checkpoints ({@code audit.checkpoint}) and their keys ({@code audit.checkpoint_key}). */
public final class CheckpointTables {

    private static final String COLUMNS = "sequence, hash, at, key_id, signature";
    private static final String LATEST = "SELECT " + COLUMNS + " FROM audit.checkpoint ORDER BY sequence DESC LIMIT 1";
    private static final String INSERT = "INSERT INTO audit.checkpoint (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)";
    private static final String ALL = "SELECT " + COLUMNS + " FROM audit.checkpoint ORDER BY sequence";
    private static final String PAGE =
            "SELECT " + COLUMNS + " FROM audit.checkpoint WHERE sequence > ? ORDER BY sequence LIMIT ?";
    private static final String RECENT = "SELECT " + COLUMNS + " FROM audit.checkpoint ORDER BY sequence DESC LIMIT ?";
    private static final String KEYS = "SELECT key_id, algorithm, public_key, created FROM audit.checkpoint_key ORDER BY created";
    private static final String KEY = "SELECT key_id FROM audit.checkpoint_key WHERE key_id = ?";
    private static final String INSERT_KEY =
            "INSERT INTO audit.checkpoint_key (key_id, algorithm, public_key, created) VALUES (?, ?, ?, ?)";

    private CheckpointTables() {
    }

    /** The checkpoint of the highest sequence number, if any. */
    public static Optional<Checkpoint> latest(Connection c) throws SQLException {
        List<Checkpoint> latest = list(c, LATEST);
        return latest.isEmpty() ? Optional.empty() : Optional.of(latest.get(0));
    }

    /** Stores {@code checkpoint}, in the caller's transaction. */
    public static void insert(Connection c, Checkpoint checkpoint) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setLong(1, checkpoint.sequence());
            insert.setString(2, checkpoint.hash());
            insert.setObject(3, timestamp(checkpoint.at()));
            insert.setString(4, checkpoint.keyId());
            insert.setString(5, checkpoint.signature());
            insert.executeUpdate();
        }
    }

    /**
     * Every checkpoint, in sequence order. One is signed per interval at most (about 100,000 a
     * year at the default 5 minutes), so they fit in memory for a verification.
     */
    public static List<Checkpoint> all(Connection c) throws SQLException {
        return list(c, ALL);
    }

    /** At most {@code limit} checkpoints of entries after {@code since}, in sequence order. */
    public static List<Checkpoint> page(Connection c, long since, int limit) throws SQLException {
        return list(c, PAGE, since, limit);
    }

    /** The latest {@code limit} checkpoints, newest first. */
    public static List<Checkpoint> recent(Connection c, int limit) throws SQLException {
        return list(c, RECENT, limit);
    }

    /** Every key that signed or signs checkpoints, oldest first. */
    public static List<CheckpointKey> keys(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(KEYS); ResultSet rs = select.executeQuery()) {
            List<CheckpointKey> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(new CheckpointKey(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4)));
            }
            return keys;
        }
    }

    /** Publishes {@code key} unless a key of its id is published already; whether it was added. */
    public static boolean publish(Connection c, CheckpointKey key) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(KEY)) {
            select.setString(1, key.keyId());
            try (ResultSet rs = select.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_KEY)) {
            insert.setString(1, key.keyId());
            insert.setString(2, key.algorithm());
            insert.setString(3, key.publicKey());
            insert.setObject(4, timestamp(key.created()));
            insert.executeUpdate();
            return true;
        }
    }

    private static List<Checkpoint> list(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                select.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                List<Checkpoint> checkpoints = new ArrayList<>();
                while (rs.next()) {
                    checkpoints.add(new Checkpoint(rs.getLong(1), rs.getString(2), instant(rs, 3), rs.getString(4),
                            rs.getString(5)));
                }
                return checkpoints;
            }
        }
    }

    private static OffsetDateTime timestamp(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }
}
