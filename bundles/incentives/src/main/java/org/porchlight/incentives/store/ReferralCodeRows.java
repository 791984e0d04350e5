package org.porchlight.incentives.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.sql.Rows;

/** All SQL of referral codes: created, listed, checked, and locked while a sign-up is attributed to one. */
public final class ReferralCodeRows {

    private static final String INSERT = "INSERT INTO incentives.referral_code (code, campaign_id, agency_code, label, "
            + "starts_at, ends_at, cap, created_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING";
    private static final String LIST = "SELECT code, campaign_id, label, starts_at, ends_at, cap, used FROM "
            + "incentives.referral_code WHERE campaign_id = ? ORDER BY created_at";
    private static final String CHECK = "SELECT r.code, r.campaign_id, r.agency_code, p.partner, r.starts_at, r.ends_at, r.cap, "
            + "r.used FROM incentives.referral_code r JOIN incentives.campaign p ON p.id = r.campaign_id WHERE r.code = ?";
    private static final String LOCK = "SELECT code, campaign_id, agency_code, NULL, starts_at, ends_at, cap, used FROM "
            + "incentives.referral_code WHERE code = ? FOR UPDATE";
    private static final String USE = "UPDATE incentives.referral_code SET used = used + 1 WHERE code = ?";

    /** A code as the agency lists it (the display form is the caller's). */
    public record Listed(String code, UUID campaign, String label, Instant startsAt, Instant endsAt, Integer cap, int used) {
    }

    /** A code with what decides whether it can be used; {@code partner} only where it was asked for. */
    public record Found(String code, UUID campaign, String agency, String partner, Instant startsAt, Instant endsAt,
            Integer cap, int used) {
    }

    /** Saves a new code; false if the code is taken. */
    public boolean insert(Connection c, String code, UUID campaign, String agency, String label, Instant startsAt,
            Instant endsAt, Integer cap, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, code);
            s.setObject(2, campaign);
            s.setString(3, agency);
            s.setString(4, label);
            s.setTimestamp(5, timestamp(startsAt));
            s.setTimestamp(6, timestamp(endsAt));
            s.setObject(7, cap);
            s.setTimestamp(8, timestamp(now));
            return s.executeUpdate() == 1;
        }
    }

    /** The campaign's codes, oldest first. */
    public List<Listed> list(Connection c, UUID campaign) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LIST)) {
            s.setObject(1, campaign);
            return Rows.list(s, rs -> new Listed(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), instant(rs, 4),
                    instant(rs, 5), (Integer) rs.getObject(6), rs.getInt(7)));
        }
    }

    /** The code with its campaign's partner, without locking it. */
    public Optional<Found> find(Connection c, String code) throws SQLException {
        return found(c, CHECK, code);
    }

    /** The code, its row locked until the transaction ends: attributions to it take turns. */
    public Optional<Found> lock(Connection c, String code) throws SQLException {
        return found(c, LOCK, code);
    }

    /** Counts one more use of the code against its cap. */
    public void use(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(USE)) {
            s.setString(1, code);
            s.executeUpdate();
        }
    }

    private static Optional<Found> found(Connection c, String sql, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, code);
            return Rows.first(s, ReferralCodeRows::read);
        }
    }

    private static Found read(ResultSet rs) throws SQLException {
        return new Found(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), instant(rs, 5),
                instant(rs, 6), (Integer) rs.getObject(7), rs.getInt(8));
    }
}
