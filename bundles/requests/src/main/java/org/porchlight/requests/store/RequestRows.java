package org.porchlight.requests.store;

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

import org.porchlight.api.geo.Area;
import org.porchlight.api.registry.CoarseCount;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.requests.RequestDraft;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.requests.FootageRequest;
import org.porchlight.requests.OwnersReached;
import org.porchlight.requests.RequestState;
import org.porchlight.sql.Rows;
import org.porchlight.text.TextFolding;

/** All SQL about footage requests themselves: drafting, the moves between states, the lifecycle's expiry and purge. */
public final class RequestRows {

    private static final String COLUMNS = "id, agency_code, case_number, incident_type, incident_detail, window_start, "
            + "window_end, area, area_square_miles, message, expires_at, state, created_by, created_at, updated_at, "
            + "approval_reason, reviewed_by, reviewed_at, review_note, activated_at, ended_at, publish_after, "
            + "publication_note, owners_figure, owners_figure_suppressed, owners_figure_floor, owners_figure_cells";
    private static final String INSERT = "INSERT INTO requests.footage_request (" + COLUMNS
            + ", public_latitude, public_longitude, case_key) VALUES (" + "?,".repeat(29) + "?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM requests.footage_request WHERE id = ? AND agency_code = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM requests.footage_request WHERE agency_code = ?";
    private static final String AND_STATE = " AND state = ?";
    private static final String AND_CASE = " AND case_key = ?";
    private static final String LIST_ORDER = " ORDER BY created_at DESC, id LIMIT ?";
    private static final String COUNT = "SELECT COUNT(*) FROM requests.footage_request WHERE agency_code = ? AND state = ?";
    private static final String AND_CREATED_BY = " AND created_by = ?";
    private static final String AND_NOT_CREATED_BY = " AND created_by <> ?";
    private static final String COUNT_FOR_CASE = "SELECT COUNT(*) FROM requests.footage_request WHERE agency_code = ? "
            + "AND case_key = ? AND state <> 'WITHDRAWN' AND id <> ?";
    // Sent once activated, even if withdrawn since; a request waiting for approval was submitted.
    private static final String COUNT_SUBMITTED_SINCE = "SELECT COUNT(*) FROM requests.footage_request WHERE agency_code = ? "
            + "AND created_at >= ? AND id <> ? AND (state IN ('PENDING_APPROVAL', 'ACTIVE', 'CLOSED', 'EXPIRED') "
            + "OR activated_at IS NOT NULL)";
    private static final String UPDATE_DRAFT = "UPDATE requests.footage_request SET case_number = ?, incident_type = ?, "
            + "incident_detail = ?, window_start = ?, window_end = ?, area = ?, area_square_miles = ?, message = ?, "
            + "expires_at = ?, public_latitude = ?, public_longitude = ?, updated_at = ?, case_key = ? WHERE id = ?";
    private static final String LOCK_CASE = "SELECT id FROM requests.footage_request WHERE agency_code = ? "
            + "AND case_key = (SELECT case_key FROM requests.footage_request WHERE id = ?) FOR UPDATE";
    private static final String HOLD_FOR_APPROVAL = "UPDATE requests.footage_request SET state = 'PENDING_APPROVAL', "
            + "approval_reason = ?, review_note = NULL, updated_at = ? WHERE id = ?";
    private static final String APPROVE = "UPDATE requests.footage_request SET reviewed_by = ?, reviewed_at = ?, "
            + "review_note = ? WHERE id = ?";
    private static final String REJECT = "UPDATE requests.footage_request SET state = 'DRAFT', reviewed_by = ?, "
            + "reviewed_at = ?, review_note = ?, updated_at = ? WHERE id = ?";
    private static final String DELAY_PUBLICATION = "UPDATE requests.footage_request SET publish_after = ?, "
            + "publication_note = ?, updated_at = ? WHERE id = ?";
    private static final String ACTIVATE = "UPDATE requests.footage_request SET state = 'ACTIVE', activated_at = ?, "
            + "updated_at = ?, owners_asked = ?, owners_figure = ?, owners_figure_suppressed = ?, owners_figure_floor = ?, "
            + "owners_figure_cells = ? WHERE id = ?";
    private static final String END = "UPDATE requests.footage_request SET state = ?, ended_at = ?, updated_at = ? "
            + "WHERE id = ? AND state = ?";
    private static final String DUE_TO_EXPIRE = "SELECT id, agency_code FROM requests.footage_request "
            + "WHERE state = 'ACTIVE' AND expires_at <= ? ORDER BY expires_at LIMIT 500";
    private static final String EXPIRE = "UPDATE requests.footage_request SET state = 'EXPIRED', ended_at = ?, "
            + "updated_at = ? WHERE id = ? AND state = 'ACTIVE'";
    private static final String DUE_TO_PURGE = "SELECT id FROM requests.footage_request WHERE agency_code = ? "
            + "AND ended_at IS NOT NULL AND ended_at < ? LIMIT 500";
    private static final String PURGE = "DELETE FROM requests.footage_request WHERE id = ? AND ended_at < ?";

    /** A request named by its id and its agency. */
    public record AgencyRequest(UUID id, String agency) {
    }

    private final JsonCodec json;

    public RequestRows(JsonCodec json) {
        this.json = json;
    }

    /** Saves a new request; the public log shows it at {@code publicLatitude, publicLongitude}. */
    public void insert(Connection c, FootageRequest r, double publicLatitude, double publicLongitude) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, r.id());
            s.setString(2, r.agency());
            s.setString(3, r.caseNumber());
            s.setString(4, r.incidentType().name());
            s.setString(5, r.incidentDetail());
            s.setTimestamp(6, timestamp(r.windowStart()));
            s.setTimestamp(7, timestamp(r.windowEnd()));
            s.setString(8, json.write(r.area()));
            s.setDouble(9, r.areaSquareMiles());
            s.setString(10, r.message());
            s.setTimestamp(11, timestamp(r.expiresAt()));
            s.setString(12, r.state().name());
            s.setObject(13, r.createdBy());
            s.setTimestamp(14, timestamp(r.createdAt()));
            s.setTimestamp(15, timestamp(r.updatedAt()));
            s.setString(16, r.approvalReason());
            s.setObject(17, r.reviewedBy());
            s.setTimestamp(18, timestamp(r.reviewedAt()));
            s.setString(19, r.reviewNote());
            s.setTimestamp(20, timestamp(r.activatedAt()));
            s.setTimestamp(21, timestamp(r.endedAt()));
            s.setTimestamp(22, timestamp(r.publishAfter()));
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

    /** The request with this id at this agency. */
    public Optional<FootageRequest> find(Connection c, String agency, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FIND)) {
            s.setObject(1, id);
            s.setString(2, agency);
            return Rows.first(s, this::read);
        }
    }

    /** The agency's newest requests, optionally only those in {@code state} or of one case (by its folded key). */
    public List<FootageRequest> list(Connection c, String agency, RequestState state, String caseNumber, int limit)
            throws SQLException {
        String sql = LIST + (state != null ? AND_STATE : "") + (caseNumber != null ? AND_CASE : "") + LIST_ORDER;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, agency);
            if (state != null) {
                s.setString(i++, state.name());
            }
            if (caseNumber != null) {
                s.setString(i++, TextFolding.caseKey(caseNumber));
            }
            s.setInt(i, limit);
            return Rows.list(s, this::read);
        }
    }

    /** How many of the agency's requests are in {@code state}, optionally only those created, or not, by someone. */
    public int count(Connection c, String agency, RequestState state, UUID createdBy, UUID notCreatedBy) throws SQLException {
        String sql = COUNT + (createdBy != null ? AND_CREATED_BY : "") + (notCreatedBy != null ? AND_NOT_CREATED_BY : "");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, agency);
            s.setString(i++, state.name());
            if (createdBy != null) {
                s.setObject(i++, createdBy);
            }
            if (notCreatedBy != null) {
                s.setObject(i, notCreatedBy);
            }
            return (int) Rows.single(s);
        }
    }

    /**
     * Requests for the case that count towards the per-case limit: all but withdrawn ones, and not {@code except}. Case
     * numbers are compared by their folded key, so differently spelled numbers of one case count together.
     */
    public int countForCase(Connection c, String agency, String caseNumber, UUID except) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COUNT_FOR_CASE)) {
            s.setString(1, agency);
            s.setString(2, TextFolding.caseKey(caseNumber));
            s.setObject(3, except);
            return (int) Rows.single(s);
        }
    }

    /**
     * The agency's requests created at or after {@code since} that were submitted, other than {@code except}: waiting for
     * approval, sent, or ended after they were sent; not drafts, nor requests withdrawn before they were sent.
     */
    public int countSubmittedSince(Connection c, String agency, Instant since, UUID except) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COUNT_SUBMITTED_SINCE)) {
            s.setString(1, agency);
            s.setTimestamp(2, timestamp(since));
            s.setObject(3, except);
            return (int) Rows.single(s);
        }
    }

    /** Replaces what the officer filled in on a draft. */
    public void updateDraft(Connection c, UUID id, RequestDraft draft, double squareMiles, double publicLatitude,
            double publicLongitude, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(UPDATE_DRAFT)) {
            s.setString(1, draft.caseNumber());
            s.setString(2, draft.incidentType().name());
            s.setString(3, draft.incidentDetail());
            s.setTimestamp(4, timestamp(draft.windowStart()));
            s.setTimestamp(5, timestamp(draft.windowEnd()));
            s.setString(6, json.write(draft.area()));
            s.setDouble(7, squareMiles);
            s.setString(8, draft.message());
            s.setTimestamp(9, timestamp(draft.expiresAt()));
            s.setDouble(10, publicLatitude);
            s.setDouble(11, publicLongitude);
            s.setTimestamp(12, timestamp(now));
            s.setString(13, TextFolding.caseKey(draft.caseNumber()));
            s.setObject(14, id);
            s.executeUpdate();
        }
    }

    /**
     * Locks every request of the case {@code id} belongs to until the transaction ends: submissions and approvals of one
     * case take turns, so that two drafts cannot both pass the per-case limit.
     */
    public void lockCase(Connection c, String agency, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK_CASE)) {
            s.setString(1, agency);
            s.setObject(2, id);
            s.executeQuery().close();
        }
    }

    /** The request waits for a supervisor, for {@code reason}; an earlier rejection's note goes. */
    public void holdForApproval(Connection c, UUID id, String reason, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HOLD_FOR_APPROVAL)) {
            s.setString(1, reason);
            s.setTimestamp(2, timestamp(now));
            s.setObject(3, id);
            s.executeUpdate();
        }
    }

    /** Records the supervisor who approved the request (its activation follows in the same transaction). */
    public void approve(Connection c, UUID id, UUID reviewer, Instant at, String note) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(APPROVE)) {
            s.setObject(1, reviewer);
            s.setTimestamp(2, timestamp(at));
            s.setString(3, note);
            s.setObject(4, id);
            s.executeUpdate();
        }
    }

    /** Sends the request back to its drafter with the supervisor's reason. */
    public void reject(Connection c, UUID id, UUID reviewer, Instant at, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(REJECT)) {
            s.setObject(1, reviewer);
            s.setTimestamp(2, timestamp(at));
            s.setString(3, reason);
            s.setTimestamp(4, timestamp(at));
            s.setObject(5, id);
            s.executeUpdate();
        }
    }

    public void delayPublication(Connection c, UUID id, Instant until, String note, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DELAY_PUBLICATION)) {
            s.setTimestamp(1, timestamp(until));
            s.setString(2, note);
            s.setTimestamp(3, timestamp(now));
            s.setObject(4, id);
            s.executeUpdate();
        }
    }

    /** The request is active: {@code asked} owners were asked; the agency is shown the registry's coarse figure. */
    public void activate(Connection c, UUID id, Instant now, int asked, CoarseCount reached) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ACTIVATE)) {
            s.setTimestamp(1, timestamp(now));
            s.setTimestamp(2, timestamp(now));
            s.setInt(3, asked);
            s.setInt(4, (int) reached.value());
            s.setBoolean(5, reached.suppressed());
            s.setInt(6, reached.minimumOwners());
            s.setInt(7, reached.cells());
            s.setObject(8, id);
            s.executeUpdate();
        }
    }

    /** Ends the request in {@code to} if it is still in {@code from}; false if it changed meanwhile. */
    public boolean end(Connection c, UUID id, RequestState from, RequestState to, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(END)) {
            s.setString(1, to.name());
            s.setTimestamp(2, timestamp(now));
            s.setTimestamp(3, timestamp(now));
            s.setObject(4, id);
            s.setString(5, from.name());
            return s.executeUpdate() > 0;
        }
    }

    /** Up to 500 active requests whose time is up at {@code now}, the longest due first. */
    public List<AgencyRequest> dueToExpire(Connection c, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DUE_TO_EXPIRE)) {
            s.setTimestamp(1, timestamp(now));
            return Rows.list(s, rs -> new AgencyRequest(rs.getObject(1, UUID.class), rs.getString(2)));
        }
    }

    /** Expires the request if it is still active; false if another node, or the agency, ended it first. */
    public boolean expire(Connection c, UUID id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(EXPIRE)) {
            s.setTimestamp(1, timestamp(now));
            s.setTimestamp(2, timestamp(now));
            s.setObject(3, id);
            return s.executeUpdate() > 0;
        }
    }

    /** Up to 500 of the agency's requests that ended before {@code cutoff}. */
    public List<UUID> dueToPurge(Connection c, String agency, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(DUE_TO_PURGE)) {
            s.setString(1, agency);
            s.setTimestamp(2, timestamp(cutoff));
            return Rows.list(s, rs -> rs.getObject(1, UUID.class));
        }
    }

    /** Deletes the ended request with its deliveries; false if another node did first. */
    public boolean purge(Connection c, UUID id, Instant cutoff) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PURGE)) {
            s.setObject(1, id);
            s.setTimestamp(2, timestamp(cutoff));
            return s.executeUpdate() == 1;
        }
    }

    private FootageRequest read(ResultSet rs) throws SQLException {
        return new FootageRequest(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                IncidentType.valueOf(rs.getString(4)), rs.getString(5), instant(rs, 6), instant(rs, 7),
                json.read(rs.getString(8), Area.class), rs.getDouble(9), rs.getString(10), instant(rs, 11),
                RequestState.valueOf(rs.getString(12)), rs.getObject(13, UUID.class), instant(rs, 14), instant(rs, 15),
                rs.getString(16), rs.getObject(17, UUID.class), instant(rs, 18), rs.getString(19), instant(rs, 20),
                instant(rs, 21), instant(rs, 22), rs.getString(23), reached(rs));
    }

    /** The coarse owners figure, once the request has been activated. */
    private static OwnersReached reached(ResultSet rs) throws SQLException {
        if (rs.getTimestamp(20) == null) {
            return null;
        }
        boolean suppressed = rs.getBoolean(25);
        return new OwnersReached(suppressed ? null : rs.getLong(24), suppressed, rs.getInt(26), rs.getInt(27));
    }
}
