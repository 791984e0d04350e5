package org.porchlight.requests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.porchlight.api.geo.Area;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.text.TextFolding;

/** SQL for requests and deliveries in the {@code requests} schema. */
final class RequestRows {

    static final String COLUMNS = "id, agency_code, case_number, incident_type, incident_detail, window_start, window_end, area, "
            + "area_square_miles, message, expires_at, state, created_by, created_at, updated_at, approval_reason, reviewed_by, "
            + "reviewed_at, review_note, activated_at, ended_at, publish_after, publication_note, owners_figure, "
            + "owners_figure_suppressed, owners_figure_floor, owners_figure_cells";

    /** The statuses the agency sees counted: answers an owner gave. */
    private static final Set<DeliveryStatus> ANSWERS = EnumSet.of(DeliveryStatus.SHARED, DeliveryStatus.NOTHING,
            DeliveryStatus.DECLINED);

    private final JsonCodec json;

    RequestRows(JsonCodec json) {
        this.json = json;
    }

    void insert(Connection c, FootageRequest r, double publicLatitude, double publicLongitude) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO requests.footage_request (" + COLUMNS
                + ", public_latitude, public_longitude, case_key) VALUES (" + "?,".repeat(29) + "?)")) {
            s.setObject(1, r.id());
            s.setString(2, r.agency());
            s.setString(3, r.caseNumber());
            s.setString(4, r.incidentType().name());
            s.setString(5, r.incidentDetail());
            s.setTimestamp(6, ts(r.windowStart()));
            s.setTimestamp(7, ts(r.windowEnd()));
            s.setString(8, json.write(r.area()));
            s.setDouble(9, r.areaSquareMiles());
            s.setString(10, r.message());
            s.setTimestamp(11, ts(r.expiresAt()));
            s.setString(12, r.state().name());
            s.setObject(13, r.createdBy());
            s.setTimestamp(14, ts(r.createdAt()));
            s.setTimestamp(15, ts(r.updatedAt()));
            s.setString(16, r.approvalReason());
            s.setObject(17, r.reviewedBy());
            s.setTimestamp(18, ts(r.reviewedAt()));
            s.setString(19, r.reviewNote());
            s.setTimestamp(20, ts(r.activatedAt()));
            s.setTimestamp(21, ts(r.endedAt()));
            s.setTimestamp(22, ts(r.publishAfter()));
            s.setString(23, r.publicationNote());
            OwnersReached reached = r.ownersAsked() == null ? new OwnersReached(null, true, 0, 0) : r.ownersAsked();
            s.setInt(24, reached.owners() == null ? 0 : reached.owners().intValue());
            s.setBoolean(25, reached.suppressed());
            s.setInt(26, reached.minimumOwners());
            s.setInt(27, reached.cells());
            s.setDouble(28, publicLatitude);
            s.setDouble(29, publicLongitude);
            s.setString(30, TextFolding.caseKey(r.caseNumber()));
            s.executeUpdate();
        }
    }

    String areaJson(Area area) {
        return json.write(area);
    }

    /** The request with this id at this agency; {@code forUpdate} locks the row for the transaction. */
    Optional<FootageRequest> find(Connection c, String agency, UUID id, boolean forUpdate) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM requests.footage_request WHERE id = ? AND agency_code = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            s.setObject(1, id);
            s.setString(2, agency);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    List<FootageRequest> list(Connection c, String agency, RequestState state, String caseNumber, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM requests.footage_request WHERE agency_code = ?");
        if (state != null) {
            sql.append(" AND state = ?");
        }
        if (caseNumber != null) {
            sql.append(" AND case_key = ?");
        }
        sql.append(" ORDER BY created_at DESC, id LIMIT ").append(limit);
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            s.setString(i++, agency);
            if (state != null) {
                s.setString(i++, state.name());
            }
            if (caseNumber != null) {
                s.setString(i, TextFolding.caseKey(caseNumber));
            }
            List<FootageRequest> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(read(rs));
                }
            }
            return found;
        }
    }

    int count(Connection c, String agency, RequestState state, UUID createdBy, UUID notCreatedBy) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM requests.footage_request WHERE agency_code = ? AND state = ?");
        if (createdBy != null) {
            sql.append(" AND created_by = ?");
        }
        if (notCreatedBy != null) {
            sql.append(" AND created_by <> ?");
        }
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int i = 1;
            s.setString(i++, agency);
            s.setString(i++, state.name());
            if (createdBy != null) {
                s.setObject(i++, createdBy);
            }
            if (notCreatedBy != null) {
                s.setObject(i, notCreatedBy);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Requests for the case that count towards the per-case limit: all but withdrawn ones, and not {@code except}. Case
     * numbers are compared by their folded key, so differently spelled numbers of one case count together.
     */
    int countForCase(Connection c, String agency, String caseNumber, UUID except) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM requests.footage_request WHERE agency_code = ? "
                + "AND case_key = ? AND state <> 'WITHDRAWN' AND id <> ?")) {
            s.setString(1, agency);
            s.setString(2, TextFolding.caseKey(caseNumber));
            s.setObject(3, except);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * The counts of the answers owners gave (shared, nothing, declined): each is the owner's own act,
     * also told to the agency one by one. Not how many are pending or never answered: with the
     * answers, that would add up to the exact number asked, which the agency is not shown.
     */
    Map<DeliveryStatus, Integer> counts(Connection c, UUID request) throws SQLException {
        Map<DeliveryStatus, Integer> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : ANSWERS) {
            counts.put(status, 0);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT status, COUNT(*) FROM requests.delivery WHERE request_id = ? GROUP BY status")) {
            s.setObject(1, request);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    DeliveryStatus status = DeliveryStatus.valueOf(rs.getString(1));
                    if (ANSWERS.contains(status)) {
                        counts.put(status, rs.getInt(2));
                    }
                }
            }
        }
        return counts;
    }

    private FootageRequest read(ResultSet rs) throws SQLException {
        return new FootageRequest(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), IncidentType.valueOf(rs.getString(4)),
                rs.getString(5), instant(rs, 6), instant(rs, 7), json.read(rs.getString(8), Area.class), rs.getDouble(9),
                rs.getString(10), instant(rs, 11), RequestState.valueOf(rs.getString(12)), rs.getObject(13, UUID.class),
                instant(rs, 14), instant(rs, 15), rs.getString(16), rs.getObject(17, UUID.class), instant(rs, 18), rs.getString(19),
                instant(rs, 20), instant(rs, 21), instant(rs, 22), rs.getString(23), reached(rs));
    }

    /** The coarse owners figure, once the request has been activated. */
    private static OwnersReached reached(ResultSet rs) throws SQLException {
        if (rs.getTimestamp(20) == null) {
            return null;
        }
        boolean suppressed = rs.getBoolean(25);
        return new OwnersReached(suppressed ? null : rs.getLong(24), suppressed, rs.getInt(26), rs.getInt(27));
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
