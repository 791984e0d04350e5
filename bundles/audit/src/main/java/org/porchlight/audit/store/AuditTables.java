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
import java.util.function.Predicate;

import org.porchlight.api.audit.AuditEntry;

/** The SQL of the audit schema: {@code audit.entry} and the one-row {@code audit.chain_head}. */
public final class AuditTables {

    /**
     * The end of the chain as the database records it.
     *
     * @param sequence the last entry's sequence number, 0 for an empty chain
     * @param hash     the last entry's hash, 64 zeros for an empty chain
     */
    public record ChainHead(long sequence, String hash) {
    }

    /** Rows fetched per round trip while streaming: the chain is never held in memory. */
    static final int FETCH_SIZE = 500;

    static final String COLUMNS =
            "sequence, at, actor, tenant, action, target, outcome, request_id, previous_hash, hash";
    static final String LOCK_HEAD = "SELECT last_sequence, last_hash FROM audit.chain_head WHERE id = 1 FOR UPDATE";

    private AuditTables() {
    }

    /**
     * Reads the head and locks it until the transaction ends: appenders on every node queue
     * here, so each one sees the entry its predecessor committed.
     */
    public static ChainHead lockHead(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(LOCK_HEAD)) {
            return head(select);
        }
    }

    /** Reads the head without locking it. */
    public static ChainHead head(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT last_sequence, last_hash FROM audit.chain_head WHERE id = 1")) {
            return head(select);
        }
    }

    static ChainHead head(PreparedStatement select) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("audit.chain_head has no row: the audit schema was changed by hand", "55000");
            }
            return new ChainHead(rs.getLong(1), rs.getString(2));
        }
    }

    /**
     * Streams the entries with {@code after < sequence <= upTo} in sequence order to
     * {@code visitor} until it returns false. PostgreSQL streams only inside a transaction.
     */
    public static void forEach(Connection c, long after, long upTo, Predicate<AuditEntry> visitor) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                + " FROM audit.entry WHERE sequence > ? AND sequence <= ? ORDER BY sequence")) {
            select.setFetchSize(FETCH_SIZE);
            select.setLong(1, after);
            select.setLong(2, upTo);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    if (!visitor.test(entry(rs))) {
                        return;
                    }
                }
            }
        }
    }

    /**
     * At most {@code limit} entries after sequence {@code after}, in sequence order; only those
     * of {@code tenant} unless it is null.
     */
    public static List<AuditEntry> page(Connection c, String tenant, long after, int limit) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM audit.entry WHERE sequence > ?"
                + (tenant == null ? "" : " AND tenant = ?") + " ORDER BY sequence LIMIT ?";
        try (PreparedStatement select = c.prepareStatement(sql)) {
            int i = 1;
            select.setLong(i++, after);
            if (tenant != null) {
                select.setString(i++, tenant);
            }
            select.setInt(i, limit);
            try (ResultSet rs = select.executeQuery()) {
                List<AuditEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(entry(rs));
                }
                return entries;
            }
        }
    }

    /**
     * What the portal's audit page asks for: entries, newest first, narrowed down.
     *
     * @param tenant       only this tenant's entries (upper-case), or null for all
     * @param actionPrefix only actions starting with this (e.g. {@code module.}), or null
     * @param actorPrefix  only actors starting with this (e.g. {@code account:0f3a}), or null
     * @param from         only entries at or after this, or null
     * @param until        only entries before this, or null
     * @param before       only entries with a lower sequence number (the next page), or null
     * @param limit        at most this many
     */
    public record Search(String tenant, String actionPrefix, String actorPrefix, Instant from, Instant until, Long before,
            int limit) {
    }

    /** The entries {@code search} asks for, in descending sequence order. */
    public static List<AuditEntry> search(Connection c, Search search) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM audit.entry WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (search.tenant() != null) {
            sql.append(" AND tenant = ?");
            params.add(search.tenant());
        }
        if (search.actionPrefix() != null) {
            sql.append(" AND action LIKE ? ESCAPE '!'");
            params.add(likePrefix(search.actionPrefix()));
        }
        if (search.actorPrefix() != null) {
            sql.append(" AND actor LIKE ? ESCAPE '!'");
            params.add(likePrefix(search.actorPrefix()));
        }
        if (search.from() != null) {
            sql.append(" AND at >= ?");
            params.add(OffsetDateTime.ofInstant(search.from(), ZoneOffset.UTC));
        }
        if (search.until() != null) {
            sql.append(" AND at < ?");
            params.add(OffsetDateTime.ofInstant(search.until(), ZoneOffset.UTC));
        }
        if (search.before() != null) {
            sql.append(" AND sequence < ?");
            params.add(search.before());
        }
        sql.append(" ORDER BY sequence DESC LIMIT ?");
        params.add(search.limit());
        try (PreparedStatement select = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                select.setObject(i + 1, params.get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                List<AuditEntry> entries = new ArrayList<>();
                while (rs.next()) {
                    entries.add(entry(rs));
                }
                return entries;
            }
        }
    }

    /** {@code prefix} as a LIKE pattern that matches it literally at the start ({@code !} escapes). */
    static String likePrefix(String prefix) {
        return prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }

    private static AuditEntry entry(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject(2, OffsetDateTime.class); // NOT NULL, unless someone altered the table
        return new AuditEntry(rs.getLong(1), at == null ? null : at.toInstant(), rs.getString(3),
                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                rs.getString(10));
    }
}
