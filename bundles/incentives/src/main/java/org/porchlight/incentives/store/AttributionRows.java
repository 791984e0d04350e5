package org.porchlight.incentives.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.incentives.Programmes.Held;
import org.porchlight.sql.Rows;

/** All SQL of attributions: a resident's sign-up attributed to one code, pending until counted. */
public final class AttributionRows {

    private static final String HELD = "SELECT agency_code, campaign_id, code, attributed_at, state, counted_at "
            + "FROM incentives.attribution WHERE account_id = ?";
    private static final String EXISTS = "SELECT 1 FROM incentives.attribution WHERE account_id = ?";
    private static final String INSERT = "INSERT INTO incentives.attribution (account_id, code, campaign_id, agency_code, "
            + "attributed_at, at_sign_up, state) VALUES (?,?,?,?,?,?,'PENDING')";
    private static final String DAILY = "SELECT attributed_at, campaign_id, code, state FROM incentives.attribution "
            + "WHERE agency_code = ? AND attributed_at >= ? AND attributed_at < ?";
    private static final String PENDING_CODE = "SELECT code FROM incentives.attribution "
            + "WHERE account_id = ? AND state = 'PENDING'";
    private static final String COUNT = "UPDATE incentives.attribution SET state = 'COUNTED', counted_at = ? "
            + "WHERE account_id = ? AND state = 'PENDING'";

    /** One attribution of a period: when, to which campaign and code, and its state now. */
    public record Made(Instant at, UUID campaign, String code, String state) {
    }

    /** The resident's attribution, if any. */
    public Optional<Held> held(Connection c, UUID resident) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HELD)) {
            s.setObject(1, resident);
            return Rows.first(s, rs -> new Held(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), instant(rs, 4),
                    rs.getString(5), instant(rs, 6)));
        }
    }

    /** Whether the resident's sign-up is attributed already. */
    public boolean exists(Connection c, UUID resident) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(EXISTS)) {
            s.setObject(1, resident);
            return Rows.first(s, rs -> true).isPresent();
        }
    }

    /** Attributes the resident's sign-up to the code, pending. */
    public void insert(Connection c, UUID resident, String code, UUID campaign, String agency, Instant at, boolean atSignUp)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, resident);
            s.setString(2, code);
            s.setObject(3, campaign);
            s.setString(4, agency);
            s.setTimestamp(5, timestamp(at));
            s.setBoolean(6, atSignUp);
            s.executeUpdate();
        }
    }

    /** The agency's attributions made in {@code [from, to)}. */
    public List<Made> made(Connection c, String agency, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DAILY)) {
            s.setString(1, agency);
            s.setTimestamp(2, timestamp(from));
            s.setTimestamp(3, timestamp(to));
            return Rows.list(s, rs -> new Made(instant(rs, 1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4)));
        }
    }

    /** The code of the resident's pending attribution, if there is one. */
    public Optional<String> pendingCode(Connection c, UUID resident) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PENDING_CODE)) {
            s.setObject(1, resident);
            return Rows.first(s, rs -> rs.getString(1));
        }
    }

    /** Counts the resident's pending attribution; false if it was counted meanwhile. */
    public boolean count(Connection c, UUID resident, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COUNT)) {
            s.setTimestamp(1, timestamp(at));
            s.setObject(2, resident);
            return s.executeUpdate() > 0;
        }
    }
}
