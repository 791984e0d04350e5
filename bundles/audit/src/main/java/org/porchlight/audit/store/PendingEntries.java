package org.porchlight.audit.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of {@code audit.pending_entry}: entries recorded in another transaction, waiting for
 * the audit writer to move them into the chain.
 */
public final class PendingEntries {

    /** An entry's checked fields, as they go into the chain. */
    public record Fields(String actor, String tenant, String action, String target, String outcome, String requestId) {
    }

    /** A recorded entry and its row. */
    public record Pending(long id, Fields fields) {
    }

    private static final String INSERT = "INSERT INTO audit.pending_entry (actor, tenant, action, target, outcome, request_id)"
            + " VALUES (?, ?, ?, ?, ?, ?)";
    private static final String ANY = "SELECT id FROM audit.pending_entry FETCH FIRST 1 ROWS ONLY";
    private static final String CLAIM = "SELECT id, actor, tenant, action, target, outcome, request_id FROM audit.pending_entry"
            + " ORDER BY id FETCH FIRST ? ROWS ONLY FOR UPDATE SKIP LOCKED";
    private static final String DELETE = "DELETE FROM audit.pending_entry WHERE id = ?";

    private PendingEntries() {
    }

    public static void insert(Connection c, Fields f) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, f.actor());
            s.setString(2, f.tenant());
            s.setString(3, f.action());
            s.setString(4, f.target());
            s.setString(5, f.outcome());
            s.setString(6, f.requestId());
            s.executeUpdate();
        }
    }

    /** Whether any entry waits: a cheap look, without locks, before the writer takes the head's lock. */
    public static boolean any(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ANY); ResultSet rs = s.executeQuery()) {
            return rs.next();
        }
    }

    /** Up to {@code limit} entries in the order they were recorded, locked; those another writer holds are skipped. */
    static List<Pending> claim(Connection c, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CLAIM)) {
            s.setInt(1, limit);
            List<Pending> claimed = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    claimed.add(new Pending(rs.getLong(1), new Fields(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7))));
                }
            }
            return claimed;
        }
    }

    static void delete(Connection c, List<Pending> moved) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELETE)) {
            for (Pending p : moved) {
                s.setLong(1, p.id());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
