package org.porchlight.audit.store;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.porchlight.api.audit.AuditEntry;
import org.porchlight.audit.store.AuditTables.ChainHead;

/**
 * The appends of one writer that holds its connection for batch after batch, with the statements
 * prepared once. Each batch moves the chain head from where the writer expects it, and inserts
 * its entries, in one transaction: the database decides under the head row's lock whether the
 * head is still there (PostgreSQL re-checks the condition on the row a waiting update finds
 * committed), so a head the writer remembers is safe to try.
 *
 * <p>On PostgreSQL that is one statement in auto-commit, so one round trip per batch, the
 * commit's included; on the embedded H2, where a round trip costs nothing, two statements and
 * the commit. Whatever fails is rolled back before it is thrown.
 */
public final class ChainAppender implements AutoCloseable {

    private static final String MOVE_HEAD = "UPDATE audit.chain_head SET last_sequence = ?, last_hash = ?"
            + " WHERE id = 1 AND last_sequence = ? AND last_hash = ?";
    /** The entries come as one array per column, so that the statement's text is the same for every batch size. */
    private static final String MOVE_AND_INSERT = "WITH moved AS (" + MOVE_HEAD + " RETURNING id)"
            + " INSERT INTO audit.entry (" + AuditTables.COLUMNS + ")"
            + " SELECT e.sequence, e.at::timestamptz, e.actor, e.tenant, e.action, e.target, e.outcome, e.request_id,"
            + " e.previous_hash, e.hash FROM moved, unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],"
            + " ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS e (" + AuditTables.COLUMNS + ")";

    private final Connection c;
    private final boolean postgres;
    private final PreparedStatement lockHead;
    private final PreparedStatement moveHead;
    private final PreparedStatement insert;

    /** If a statement cannot be prepared, those that were close with the connection. */
    public ChainAppender(Connection c, boolean postgres) throws SQLException {
        this.c = c;
        this.postgres = postgres;
        c.setAutoCommit(postgres);
        this.lockHead = c.prepareStatement(AuditTables.LOCK_HEAD);
        this.moveHead = c.prepareStatement(postgres ? MOVE_AND_INSERT : MOVE_HEAD);
        this.insert = postgres ? null
                : c.prepareStatement("INSERT INTO audit.entry (" + AuditTables.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    }

    /**
     * Appends {@code entries} and commits them if the chain's head is still at {@code expected};
     * false, with nothing changed, if another writer moved it.
     */
    public boolean appendAfter(ChainHead expected, List<AuditEntry> entries) throws SQLException {
        try {
            if (!moveAndInsert(expected, entries)) {
                rollback(); // nothing to undo, but H2's transaction ends
                return false;
            }
            commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    /**
     * Locks the chain's head, appends the entries {@code chain} makes to follow it, and commits
     * them: for when the head has moved, or is not known.
     */
    public List<AuditEntry> appendLocked(Function<ChainHead, List<AuditEntry>> chain) throws SQLException {
        return locked(head -> chain.apply(head));
    }

    /**
     * Locks the chain's head, claims up to {@code limit} pending entries (recorded in other
     * transactions, {@link PendingEntries}), appends what {@code chain} makes of them after the
     * head, deletes them from the pending table and commits: moved once, never lost. Empty if
     * none was pending (or another writer holds them all).
     */
    public List<AuditEntry> appendPending(int limit, BiFunction<ChainHead, List<PendingEntries.Fields>, List<AuditEntry>> chain)
            throws SQLException {
        return locked(head -> {
            List<PendingEntries.Pending> claimed = PendingEntries.claim(c, limit);
            if (claimed.isEmpty()) {
                return List.of();
            }
            List<AuditEntry> entries = chain.apply(head, claimed.stream().map(PendingEntries.Pending::fields).toList());
            PendingEntries.delete(c, claimed);
            return entries;
        });
    }

    /** What a locked append does with the head: the entries to append after it, empty for none. */
    private interface UnderLock {
        List<AuditEntry> entries(ChainHead head) throws SQLException;
    }

    private List<AuditEntry> locked(UnderLock work) throws SQLException {
        try {
            if (postgres) {
                c.setAutoCommit(false);
            }
            ChainHead head = AuditTables.head(lockHead);
            List<AuditEntry> entries = work.entries(head);
            if (!entries.isEmpty() && !moveAndInsert(head, entries)) {
                throw new SQLException("the audit chain's head moved while it was locked", "40001");
            }
            c.commit();
            if (postgres) {
                c.setAutoCommit(true);
            }
            return entries;
        } catch (SQLException | RuntimeException e) {
            rollback(e);
            throw e;
        }
    }

    private boolean moveAndInsert(ChainHead from, List<AuditEntry> entries) throws SQLException {
        AuditEntry last = entries.get(entries.size() - 1);
        moveHead.setLong(1, last.sequence());
        moveHead.setString(2, last.hash());
        moveHead.setLong(3, from.sequence());
        moveHead.setString(4, from.hash());
        if (postgres) {
            bindColumns(entries);
            return moveHead.executeUpdate() == entries.size();
        }
        if (moveHead.executeUpdate() != 1) {
            return false;
        }
        for (AuditEntry entry : entries) {
            insert.setLong(1, entry.sequence());
            insert.setObject(2, OffsetDateTime.ofInstant(entry.at(), ZoneOffset.UTC));
            insert.setString(3, entry.actor());
            insert.setString(4, entry.tenant());
            insert.setString(5, entry.action());
            insert.setString(6, entry.target());
            insert.setString(7, entry.outcome());
            insert.setString(8, entry.requestId());
            insert.setString(9, entry.previousHash());
            insert.setString(10, entry.hash());
            insert.addBatch();
        }
        insert.executeBatch();
        return true;
    }

    /** Parameters 5 to 14 of {@link #MOVE_AND_INSERT}: each column of the entries as an array. */
    private void bindColumns(List<AuditEntry> entries) throws SQLException {
        int n = entries.size();
        Long[] sequence = new Long[n];
        String[][] text = new String[9][n];
        for (int i = 0; i < n; i++) {
            AuditEntry e = entries.get(i);
            sequence[i] = e.sequence();
            text[0][i] = e.at().toString(); // ISO-8601 in UTC, to the microsecond, as hashed
            text[1][i] = e.actor();
            text[2][i] = e.tenant();
            text[3][i] = e.action();
            text[4][i] = e.target();
            text[5][i] = e.outcome();
            text[6][i] = e.requestId();
            text[7][i] = e.previousHash();
            text[8][i] = e.hash();
        }
        moveHead.setArray(5, c.createArrayOf("int8", sequence));
        for (int column = 0; column < text.length; column++) {
            moveHead.setArray(6 + column, c.createArrayOf("text", text[column]));
        }
    }

    private void commit() throws SQLException {
        if (!postgres) {
            c.commit();
        }
    }

    private void rollback() throws SQLException {
        if (!c.getAutoCommit()) {
            c.rollback();
        }
    }

    private void rollback(Exception cause) {
        try {
            rollback();
            if (postgres) {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public void close() throws SQLException {
        try (lockHead; moveHead; PreparedStatement h2Insert = insert) {
            // closes them all, the first failure thrown, the others suppressed
        }
    }
}
