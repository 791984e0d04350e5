package org.porchlight.requests;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.porchlight.api.geo.Area;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.rest.JsonCodec;

/** All SQL about deliveries: who was asked, with the request they were asked, and how they answered. */
final class DeliveryRows {

    private static final String COLUMNS = "d.id, d.request_id, d.owner_id, d.registrations, d.status, d.responded_at, "
            + "d.decline_reason, d.revealed_name, d.revealed_email, r.agency_code, r.case_number, r.incident_type, "
            + "r.incident_detail, r.window_start, r.window_end, r.area, r.message, r.expires_at, r.state";
    private static final String FROM = " FROM requests.delivery d JOIN requests.footage_request r ON r.id = d.request_id";
    private static final String BY_OWNER = "SELECT " + COLUMNS + FROM
            + " WHERE d.owner_id = ? ORDER BY d.created_at DESC, d.id LIMIT ?";
    private static final String ONE = "SELECT " + COLUMNS + FROM + " WHERE d.id = ? AND d.owner_id = ?";
    private static final String SHARED = "SELECT " + COLUMNS + FROM + " WHERE d.request_id = ? AND r.agency_code = ? "
            + "AND d.status = 'SHARED' ORDER BY d.responded_at, d.id";
    private static final String ANSWER = "UPDATE requests.delivery SET status = ?, responded_at = ?, decline_reason = ?, "
            + "revealed_name = ?, revealed_email = ? WHERE id = ?";

    /** One owner's delivery with the request it asks about. */
    record Delivery(UUID id, UUID request, UUID owner, String registrations, DeliveryStatus status, Instant answeredAt,
            String declineReason, String revealedName, String revealedEmail, String agency, String caseNumber,
            IncidentType incidentType, String incidentDetail, Instant windowStart, Instant windowEnd, Area area, String message,
            Instant expiresAt, RequestState requestState) {

        /** Who holds the files the owner prepares for this answer, as the evidence intake keys them. */
        String holder() {
            return "response:" + id;
        }
    }

    private final JsonCodec json;

    DeliveryRows(JsonCodec json) {
        this.json = json;
    }

    List<Delivery> byOwner(Connection c, UUID owner, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(BY_OWNER)) {
            s.setObject(1, owner);
            s.setInt(2, limit);
            return read(s);
        }
    }

    /** The owner's delivery, optionally locked; anyone else's does not exist for them (404). */
    Delivery find(Connection c, UUID owner, UUID id, boolean forUpdate) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ONE + (forUpdate ? " FOR UPDATE" : ""))) {
            s.setObject(1, id);
            s.setObject(2, owner);
            List<Delivery> found = read(s);
            if (found.isEmpty()) {
                throw new ProblemException(RequestWorkflow.NOT_FOUND, "No such request.");
            }
            return found.get(0);
        }
    }

    /** The deliveries of a request whose owners shared files, first share first. */
    List<Delivery> shared(Connection c, String agency, UUID request) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SHARED)) {
            s.setObject(1, request);
            s.setString(2, agency);
            return read(s);
        }
    }

    void answer(Connection c, UUID id, DeliveryStatus status, Instant at, String reason, String name, String email)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ANSWER)) {
            s.setString(1, status.name());
            s.setTimestamp(2, RequestRows.ts(at));
            s.setString(3, reason);
            s.setString(4, name);
            s.setString(5, email);
            s.setObject(6, id);
            s.executeUpdate();
        }
    }

    private List<Delivery> read(PreparedStatement s) throws SQLException {
        List<Delivery> found = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(new Delivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getString(4), DeliveryStatus.valueOf(rs.getString(5)), RequestRows.instant(rs, 6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), IncidentType.valueOf(rs.getString(12)),
                        rs.getString(13), RequestRows.instant(rs, 14), RequestRows.instant(rs, 15),
                        json.read(rs.getString(16), Area.class), rs.getString(17), RequestRows.instant(rs, 18),
                        RequestState.valueOf(rs.getString(19))));
            }
        }
        return found;
    }
}
