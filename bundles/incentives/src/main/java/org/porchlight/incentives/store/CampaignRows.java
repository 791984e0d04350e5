package org.porchlight.incentives.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

import org.porchlight.api.incentives.IncentiveRule.Tally;
import org.porchlight.incentives.Programmes.Campaign;
import org.porchlight.incentives.Programmes.States;
import org.porchlight.sql.Rows;

/** All SQL of campaigns and their running totals, in all and per calendar year. */
public final class CampaignRows {

    private static final String INSERT = "INSERT INTO incentives.campaign (id, agency_code, name, partner, rule, created_by, "
            + "created_at) VALUES (?,?,?,?,?,?,?)";
    private static final String LIST = "SELECT id, agency_code, name, partner, rule, attributions, pending, units, created_at "
            + "FROM incentives.campaign WHERE agency_code = ? ORDER BY created_at";
    private static final String STATES = "SELECT COALESCE(SUM(pending), 0), COALESCE(SUM(attributions), 0) "
            + "FROM incentives.campaign WHERE agency_code = ?";
    private static final String ADD_PENDING = "UPDATE incentives.campaign SET pending = pending + 1 WHERE id = ?";
    private static final String UNPEND = "UPDATE incentives.campaign SET pending = pending - 1 WHERE id = ?";
    private static final String ADD_ATTRIBUTION = "UPDATE incentives.campaign SET attributions = attributions + 1 WHERE id = ?";
    private static final String TOTALS = "SELECT rule, attributions, units FROM incentives.campaign WHERE id = ?";
    private static final String ENSURE_YEAR = "INSERT INTO incentives.campaign_year (campaign_id, calendar_year, attributions, "
            + "units) VALUES (?, ?, 0, 0) ON CONFLICT DO NOTHING";
    private static final String ADD_YEAR_ATTRIBUTION = "UPDATE incentives.campaign_year SET attributions = attributions + 1 "
            + "WHERE campaign_id = ? AND calendar_year = ?";
    private static final String YEAR_TOTALS = "SELECT attributions, units FROM incentives.campaign_year WHERE campaign_id = ? "
            + "AND calendar_year = ?";
    private static final String ADD_UNITS = "UPDATE incentives.campaign SET units = units + ? WHERE id = ?";
    private static final String ADD_YEAR_UNITS = "UPDATE incentives.campaign_year SET units = units + ? WHERE campaign_id = ? "
            + "AND calendar_year = ?";

    /** A campaign's rule and its totals after counting one more attribution, all time and in the year. */
    public record Counted(String rule, long attributionsYear, long unitsYear, long attributionsTotal, long unitsTotal) {
    }

    public void insert(Connection c, Campaign campaign, UUID by) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, campaign.id());
            s.setString(2, campaign.agency());
            s.setString(3, campaign.name());
            s.setString(4, campaign.partner());
            s.setString(5, campaign.rule());
            s.setObject(6, by);
            s.setTimestamp(7, timestamp(campaign.createdAt()));
            s.executeUpdate();
        }
    }

    /** The agency's campaigns, oldest first. */
    public List<Campaign> list(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LIST)) {
            s.setString(1, agency);
            return Rows.list(s, rs -> new Campaign(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                    rs.getString(4), rs.getString(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), instant(rs, 9)));
        }
    }

    /** The agency's attributions pending and counted, over all its campaigns. */
    public States states(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(STATES)) {
            s.setString(1, agency);
            return Rows.first(s, rs -> new States(rs.getLong(1), rs.getLong(2))).orElseThrow();
        }
    }

    /** One more attribution of the campaign waits for its resident's address. */
    public void addPending(Connection c, UUID campaign) throws SQLException {
        update(c, ADD_PENDING, campaign);
    }

    /** One pending attribution of the campaign is counted now: it leaves the pending total. */
    public void unpend(Connection c, UUID campaign) throws SQLException {
        update(c, UNPEND, campaign);
    }

    /**
     * Counts one more attribution on the campaign, all time and in {@code year}; returns its rule and the totals a rule
     * is asked with (see {@link Tally}).
     */
    public Counted count(Connection c, UUID campaign, int year) throws SQLException {
        update(c, ADD_ATTRIBUTION, campaign);
        Counted total;
        try (PreparedStatement s = c.prepareStatement(TOTALS)) {
            s.setObject(1, campaign);
            total = Rows.first(s, rs -> new Counted(rs.getString(1), 0, 0, rs.getLong(2), rs.getLong(3))).orElseThrow();
        }
        try (PreparedStatement s = c.prepareStatement(ENSURE_YEAR)) {
            s.setObject(1, campaign);
            s.setInt(2, year);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(ADD_YEAR_ATTRIBUTION)) {
            s.setObject(1, campaign);
            s.setInt(2, year);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(YEAR_TOTALS)) {
            s.setObject(1, campaign);
            s.setInt(2, year);
            return Rows.first(s, rs -> new Counted(total.rule(), rs.getLong(1), rs.getLong(2), total.attributionsTotal(),
                    total.unitsTotal())).orElseThrow();
        }
    }

    /** Adds the units a rule awarded to the campaign's totals, all time and in {@code year}. */
    public void addUnits(Connection c, UUID campaign, int year, int units) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ADD_UNITS)) {
            s.setInt(1, units);
            s.setObject(2, campaign);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement(ADD_YEAR_UNITS)) {
            s.setInt(1, units);
            s.setObject(2, campaign);
            s.setInt(3, year);
            s.executeUpdate();
        }
    }

    private static void update(Connection c, String sql, UUID campaign) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, campaign);
            s.executeUpdate();
        }
    }
}
