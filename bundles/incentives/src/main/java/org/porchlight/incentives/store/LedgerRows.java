package org.porchlight.incentives.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.porchlight.incentives.Ledger.Balance;
import org.porchlight.incentives.Ledger.Entry;
import org.porchlight.incentives.Ledger.Kind;
import org.porchlight.sql.Rows;

/** All SQL of each agency's ledger of units: its append-only entries and the head row holding the balance. */
public final class LedgerRows {

    private static final String BALANCE = "SELECT COALESCE(SUM(units), 0), "
            + "COALESCE(SUM(CASE WHEN kind = 'EARNED' THEN units END), 0), "
            + "COALESCE(SUM(CASE WHEN kind = 'REDEEMED' THEN units END), 0), "
            + "COALESCE(SUM(CASE WHEN kind = 'ADJUSTED' THEN units END), 0) FROM incentives.ledger_entry WHERE agency_code = ?";
    private static final String HEAD_BALANCE = "SELECT balance FROM incentives.ledger_head WHERE agency_code = ?";
    private static final String ENTRIES = "SELECT id, kind, units, campaign_id, rule, raffle_id, reason, actor, created_at "
            + "FROM incentives.ledger_entry WHERE agency_code = ? ORDER BY created_at DESC, id LIMIT ?";
    private static final String ENSURE_HEAD = "INSERT INTO incentives.ledger_head (agency_code, balance) VALUES (?, 0) "
            + "ON CONFLICT DO NOTHING";
    private static final String LOCK_HEAD = HEAD_BALANCE + " FOR UPDATE";
    private static final String INSERT = "INSERT INTO incentives.ledger_entry (id, agency_code, kind, units, campaign_id, rule, "
            + "raffle_id, reason, actor, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)";
    private static final String ADD = "UPDATE incentives.ledger_head SET balance = balance + ? WHERE agency_code = ?";

    /** The balance summed from the entries, and what it is made of. */
    public Balance balance(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(BALANCE)) {
            s.setString(1, agency);
            return Rows.first(s, rs -> new Balance(agency, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                    .orElseThrow();
        }
    }

    /** The balance the head row holds, 0 before the agency's first entry. */
    public long headBalance(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HEAD_BALANCE)) {
            s.setString(1, agency);
            return Rows.first(s, rs -> rs.getLong(1)).orElse(0L);
        }
    }

    /** The agency's newest entries. */
    public List<Entry> entries(Connection c, String agency, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ENTRIES)) {
            s.setString(1, agency);
            s.setInt(2, limit);
            return Rows.list(s, rs -> new Entry(rs.getObject(1, UUID.class), Kind.valueOf(rs.getString(2)), rs.getInt(3),
                    rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8),
                    instant(rs, 9)));
        }
    }

    /** The agency's balance, its head row (made on first use) locked until the transaction ends. */
    public long lockHead(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ENSURE_HEAD)) {
            s.setString(1, agency);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(LOCK_HEAD)) {
            s.setString(1, agency);
            return Rows.single(s);
        }
    }

    /** Appends the entry and moves the head's balance by its units; the head must be locked ({@link #lockHead}). */
    public void append(Connection c, String agency, Entry entry) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, entry.id());
            s.setString(2, agency);
            s.setString(3, entry.kind().name());
            s.setInt(4, entry.units());
            s.setObject(5, entry.campaign());
            s.setString(6, entry.rule());
            s.setObject(7, entry.raffle());
            s.setString(8, entry.reason());
            s.setString(9, entry.actor());
            s.setTimestamp(10, timestamp(entry.at()));
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(ADD)) {
            s.setInt(1, entry.units());
            s.setString(2, agency);
            s.executeUpdate();
        }
    }
}
