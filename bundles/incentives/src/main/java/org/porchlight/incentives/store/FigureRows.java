package org.porchlight.incentives.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.porchlight.api.incentives.IncentiveFigures.Programme;
import org.porchlight.sql.Rows;

/**
 * The SQL of what the public and the press see of an agency's programmes: each campaign with what it brought, and the
 * attributions and ledger entries of a period for the transparency page's monthly figures.
 */
public final class FigureRows {

    private static final String PROGRAMMES = "SELECT p.id, p.name, p.partner, p.attributions, p.units, "
            + "COALESCE((SELECT -SUM(e.units) FROM incentives.ledger_entry e WHERE e.campaign_id = p.id "
            + "AND e.kind = 'REDEEMED'), 0), p.created_at FROM incentives.campaign p WHERE p.agency_code = ? "
            + "ORDER BY p.created_at";
    private static final String ATTRIBUTED = "SELECT attributed_at, state FROM incentives.attribution "
            + "WHERE agency_code = ? AND attributed_at >= ? AND attributed_at < ?";
    private static final String COUNTED = "SELECT counted_at FROM incentives.attribution WHERE agency_code = ? "
            + "AND counted_at >= ? AND counted_at < ?";
    private static final String ENTRIES = "SELECT e.created_at, e.kind, e.units, p.name FROM incentives.ledger_entry e "
            + "LEFT JOIN incentives.campaign p ON p.id = e.campaign_id WHERE e.agency_code = ? AND e.created_at >= ? "
            + "AND e.created_at < ?";

    /** A sign-up attributed to one of the agency's codes, and its state now. */
    public record Attributed(Instant at, String state) {
    }

    /** A ledger entry with the name of its campaign (null for none). */
    public record LedgerMove(Instant at, String kind, int units, String campaign) {
    }

    /** The agency's campaigns, oldest first, with the units their raffles gave away. */
    public List<Programme> programmes(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PROGRAMMES)) {
            s.setString(1, agency);
            return Rows.list(s, rs -> new Programme(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                    rs.getLong(4), rs.getLong(5), rs.getLong(6), instant(rs, 7)));
        }
    }

    /** The agency's sign-ups attributed in {@code [from, to)}. */
    public List<Attributed> attributed(Connection c, String agency, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = period(c, ATTRIBUTED, agency, from, to)) {
            return Rows.list(s, rs -> new Attributed(instant(rs, 1), rs.getString(2)));
        }
    }

    /** When the agency's sign-ups counted in {@code [from, to)} were counted. */
    public List<Instant> counted(Connection c, String agency, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = period(c, COUNTED, agency, from, to)) {
            return Rows.list(s, rs -> instant(rs, 1));
        }
    }

    /** The agency's ledger entries made in {@code [from, to)}. */
    public List<LedgerMove> ledger(Connection c, String agency, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = period(c, ENTRIES, agency, from, to)) {
            return Rows.list(s, rs -> new LedgerMove(instant(rs, 1), rs.getString(2), rs.getInt(3), rs.getString(4)));
        }
    }

    private static PreparedStatement period(Connection c, String sql, String agency, Instant from, Instant to)
            throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            s.setString(1, agency);
            s.setTimestamp(2, timestamp(from));
            s.setTimestamp(3, timestamp(to));
            return s;
        } catch (SQLException e) {
            s.close();
            throw e;
        }
    }
}
