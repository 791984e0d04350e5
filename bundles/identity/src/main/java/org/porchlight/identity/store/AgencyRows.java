package org.porchlight.identity.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.geo.Area;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.identity.Agency;
import org.porchlight.sql.Rows;

/** All SQL about {@code identity.agency}: an agency's settings, its jurisdiction and policy kept as JSON. */
public final class AgencyRows {

    private static final String COLUMNS = "code, name, jurisdiction, time_zone, contact_email, contact_phone, policy, created_at";
    private static final String INSERT = "INSERT INTO identity.agency (id, code, name, jurisdiction, time_zone, contact_email, "
            + "contact_phone, policy, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String ALL = "SELECT " + COLUMNS + " FROM identity.agency ORDER BY code";
    private static final String ALL_FOR_UPDATE = ALL + " FOR UPDATE";
    private static final String ONE = "SELECT " + COLUMNS + " FROM identity.agency WHERE code = ? ORDER BY code";
    private static final String UPDATE = "UPDATE identity.agency SET name = ?, jurisdiction = ?, time_zone = ?, "
            + "contact_email = ?, contact_phone = ?, policy = ? WHERE code = ?";
    private static final String ID = "SELECT id FROM identity.agency WHERE code = ?";

    private final JsonCodec json;

    public AgencyRows(JsonCodec json) {
        this.json = json;
    }

    /** Saves a new agency under {@code code} (upper case); a missing policy is stored as none. */
    public void insert(Connection c, String code, Agency agency, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, UUID.randomUUID());
            s.setString(2, code);
            s.setString(3, agency.name());
            s.setString(4, json.write(agency.jurisdiction()));
            s.setString(5, agency.timeZone());
            s.setString(6, agency.contactEmail());
            s.setString(7, agency.contactPhone());
            s.setString(8, json.write(agency.policy() == null ? Map.of() : agency.policy()));
            s.setTimestamp(9, timestamp(now));
            s.executeUpdate();
        }
    }

    /** Every agency by code, or the one with {@code code} (upper case) when it is not null. */
    public List<Agency> agencies(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(code == null ? ALL : ONE)) {
            if (code != null) {
                s.setString(1, code);
            }
            return Rows.list(s, this::read);
        }
    }

    /** Every agency, their rows locked until the transaction ends. */
    public List<Agency> lockAll(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ALL_FOR_UPDATE)) {
            return Rows.list(s, this::read);
        }
    }

    /** Replaces the settings of the agency with {@code code} (upper case); returns how many rows changed. */
    public int update(Connection c, String code, Agency update) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPDATE)) {
            s.setString(1, update.name());
            s.setString(2, json.write(update.jurisdiction()));
            s.setString(3, update.timeZone());
            s.setString(4, update.contactEmail());
            s.setString(5, update.contactPhone());
            s.setString(6, json.write(update.policy() == null ? Map.of() : update.policy()));
            s.setString(7, code);
            return s.executeUpdate();
        }
    }

    /** The id of the agency with {@code code} (upper case). */
    public static Optional<UUID> id(Connection c, String code) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ID)) {
            s.setString(1, code);
            return Rows.first(s, rs -> rs.getObject(1, UUID.class));
        }
    }

    private Agency read(ResultSet rs) throws SQLException {
        @SuppressWarnings("unchecked")
        Map<String, Object> settings = json.read(rs.getString(7), LinkedHashMap.class);
        return new Agency(rs.getString(1), rs.getString(2), json.read(rs.getString(3), Area.class), rs.getString(4),
                rs.getString(5), rs.getString(6), settings, instant(rs, 8));
    }
}
