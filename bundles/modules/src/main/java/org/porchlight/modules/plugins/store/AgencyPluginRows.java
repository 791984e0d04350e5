package org.porchlight.modules.plugins.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.porchlight.sql.Rows;

/** All SQL about agencies' plugins: every row (for the snapshot), one agency's, one, and saving a choice. */
public final class AgencyPluginRows {

    private static final String COLUMNS = "SELECT agency, plugin, enabled, settings, changed_at, changed_by, version "
            + "FROM plugins.agency_plugins";
    private static final String ALL = COLUMNS + " ORDER BY agency, plugin";
    private static final String OF_AGENCY = COLUMNS + " WHERE agency = ? ORDER BY plugin";
    private static final String ONE = COLUMNS + " WHERE agency = ? AND plugin = ?";
    private static final String UPDATE = "UPDATE plugins.agency_plugins SET enabled = ?, settings = ?, changed_at = ?, "
            + "changed_by = ?, version = version + 1 WHERE agency = ? AND plugin = ?";
    private static final String INSERT = "INSERT INTO plugins.agency_plugins (agency, plugin, enabled, settings, changed_at, "
            + "changed_by, version) VALUES (?,?,?,?,?,?,1)";

    /** A row as stored: the settings as JSON text. */
    public record Row(String agency, String plugin, boolean enabled, String settings, Instant changedAt, String changedBy,
            long version) {
    }

    /** Every agency's rows. */
    public List<Row> all(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ALL)) {
            return Rows.list(s, AgencyPluginRows::read);
        }
    }

    /** One agency's rows. */
    public List<Row> ofAgency(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(OF_AGENCY)) {
            s.setString(1, agency);
            return Rows.list(s, AgencyPluginRows::read);
        }
    }

    public Optional<Row> find(Connection c, String agency, String plugin) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ONE)) {
            s.setString(1, agency);
            s.setString(2, plugin);
            return Rows.first(s, AgencyPluginRows::read);
        }
    }

    /** Saves the agency's choice, replacing an earlier one; returns the row's new version. */
    public long save(Connection c, String agency, String plugin, boolean enabled, String settings, Instant at, String by)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPDATE)) {
            s.setBoolean(1, enabled);
            s.setString(2, settings);
            s.setTimestamp(3, timestamp(at));
            s.setString(4, by);
            s.setString(5, agency);
            s.setString(6, plugin);
            if (s.executeUpdate() == 1) {
                return find(c, agency, plugin).map(Row::version).orElseThrow();
            }
        }
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setString(1, agency);
            s.setString(2, plugin);
            s.setBoolean(3, enabled);
            s.setString(4, settings);
            s.setTimestamp(5, timestamp(at));
            s.setString(6, by);
            s.executeUpdate();
            return 1;
        }
    }

    private static Row read(ResultSet rs) throws SQLException {
        return new Row(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4), instant(rs, 5), rs.getString(6),
                rs.getLong(7));
    }
}
