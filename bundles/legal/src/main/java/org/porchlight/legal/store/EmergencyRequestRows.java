package org.porchlight.legal.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.legal.EmergencyRequest;
import org.porchlight.legal.EmergencyRequests.Counted;
import org.porchlight.legal.EmergencyRequests.Details;
import org.porchlight.legal.EmergencyRequests.Overdue;
import org.porchlight.legal.ReviewVerdict;
import org.porchlight.sql.Rows;

/** All SQL about {@code legal.emergency_request}: recorded, listed, reviewed, counted, and its overdue notices. */
public final class EmergencyRequestRows {

    private static final String COLUMNS = "id, agency_code, vendor, case_number, scope, justification, footage_from, "
            + "footage_to, requested_by, requested_at, recorded_at, review_due_at, verdict, review_note, reviewed_by, "
            + "reviewed_at";
    private static final String INSERT = "INSERT INTO legal.emergency_request (id, agency_code, vendor, case_number, scope, "
            + "justification, footage_from, footage_to, requested_by, requested_at, recorded_at, review_due_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM legal.emergency_request WHERE id = ? AND agency_code = ?";
    private static final String LIST = "SELECT " + COLUMNS + " FROM legal.emergency_request WHERE agency_code = ?";
    private static final String AND_REVIEWED = " AND verdict IS NOT NULL";
    private static final String AND_UNREVIEWED = " AND verdict IS NULL";
    private static final String AND_OVERDUE = " AND verdict IS NULL AND review_due_at < ?";
    private static final String LIST_ORDER = " ORDER BY requested_at DESC, id LIMIT ? OFFSET ?";
    private static final String OVERDUE_COUNT = "SELECT COUNT(*) FROM legal.emergency_request "
            + "WHERE agency_code = ? AND verdict IS NULL AND review_due_at < ?";
    private static final String LOCK = "SELECT requested_by, verdict FROM legal.emergency_request "
            + "WHERE id = ? AND agency_code = ? FOR UPDATE";
    private static final String REVIEW = "UPDATE legal.emergency_request SET verdict = ?, review_note = ?, reviewed_by = ?, "
            + "reviewed_at = ? WHERE id = ? AND agency_code = ?";
    private static final String OVERDUE_UNNOTIFIED = "SELECT id, agency_code, vendor, requested_at, review_due_at "
            + "FROM legal.emergency_request WHERE verdict IS NULL AND review_due_at < ? AND overdue_notified_at IS NULL "
            + "ORDER BY review_due_at, id LIMIT ?";
    private static final String MARK_OVERDUE_NOTIFIED = "UPDATE legal.emergency_request SET overdue_notified_at = ? "
            + "WHERE id = ? AND verdict IS NULL AND overdue_notified_at IS NULL";
    private static final String REQUESTED_BETWEEN = "SELECT requested_at, review_due_at, verdict, reviewed_at "
            + "FROM legal.emergency_request WHERE agency_code = ? AND requested_at >= ? AND requested_at < ?";
    private static final String UNREVIEWED = "SELECT id FROM legal.emergency_request WHERE verdict IS NULL AND id IN (%s)";

    /** Who made a request and its verdict, if any, read with the row locked for a review. */
    public record Locked(UUID requestedBy, String verdict) {
    }

    public void insert(Connection c, UUID id, String agency, UUID by, Details details, Instant requestedAt, Instant recordedAt,
            Instant dueAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, id);
            s.setString(2, agency);
            s.setString(3, details.vendor());
            s.setString(4, details.caseNumber());
            s.setString(5, details.scope());
            s.setString(6, details.justification().strip());
            s.setTimestamp(7, timestamp(details.footageFrom()));
            s.setTimestamp(8, timestamp(details.footageTo()));
            s.setObject(9, by);
            s.setTimestamp(10, timestamp(requestedAt));
            s.setTimestamp(11, timestamp(recordedAt));
            s.setTimestamp(12, timestamp(dueAt));
            s.executeUpdate();
        }
    }

    /** The agency's request, overdue or not as of {@code now}. */
    public Optional<EmergencyRequest> find(Connection c, String agency, UUID id, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FIND)) {
            s.setObject(1, id);
            s.setString(2, agency);
            return Rows.first(s, rs -> read(rs, now));
        }
    }

    /** Newest first; {@code reviewed} null for all; {@code overdue} only unreviewed ones past their due time. */
    public List<EmergencyRequest> list(Connection c, String agency, Boolean reviewed, boolean overdue, int limit, int offset,
            Instant now) throws SQLException {
        String sql = LIST + (reviewed == null ? "" : reviewed ? AND_REVIEWED : AND_UNREVIEWED) + (overdue ? AND_OVERDUE : "")
                + LIST_ORDER;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, agency);
            if (overdue) {
                s.setTimestamp(i++, timestamp(now));
            }
            s.setInt(i++, limit);
            s.setInt(i, offset);
            return Rows.list(s, rs -> read(rs, now));
        }
    }

    /** How many of the agency's requests await a review past their due time at {@code now}. */
    public long overdueCount(Connection c, String agency, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(OVERDUE_COUNT)) {
            s.setString(1, agency);
            s.setTimestamp(2, timestamp(now));
            return Rows.single(s);
        }
    }

    /** Locks the agency's request for a review until the transaction ends; empty if it has no such request. */
    public Optional<Locked> lock(Connection c, String agency, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setObject(1, id);
            s.setString(2, agency);
            return Rows.first(s, rs -> new Locked(rs.getObject(1, UUID.class), rs.getString(2)));
        }
    }

    public void review(Connection c, String agency, UUID id, ReviewVerdict verdict, String note, UUID reviewer, Instant at)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(REVIEW)) {
            s.setString(1, verdict.name());
            s.setString(2, note);
            s.setObject(3, reviewer);
            s.setTimestamp(4, timestamp(at));
            s.setObject(5, id);
            s.setString(6, agency);
            s.executeUpdate();
        }
    }

    /** Unreviewed requests of every agency past their due time at {@code now} whose agency was not told, oldest first. */
    public List<Overdue> overdueUnnotified(Connection c, Instant now, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(OVERDUE_UNNOTIFIED)) {
            s.setTimestamp(1, timestamp(now));
            s.setInt(2, limit);
            return Rows.list(s, rs -> new Overdue(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), instant(rs, 4),
                    instant(rs, 5)));
        }
    }

    /** Marks the agency as told of the overdue review; false if it was reviewed or marked meanwhile. */
    public boolean markOverdueNotified(Connection c, UUID id, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(MARK_OVERDUE_NOTIFIED)) {
            s.setTimestamp(1, timestamp(at));
            s.setObject(2, id);
            return s.executeUpdate() > 0;
        }
    }

    /** The agency's requests made in {@code [from, to)}, for the public counts. */
    public List<Counted> requestedBetween(Connection c, String agency, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(REQUESTED_BETWEEN)) {
            s.setString(1, agency);
            s.setTimestamp(2, timestamp(from));
            s.setTimestamp(3, timestamp(to));
            return Rows.list(s, rs -> new Counted(instant(rs, 1), instant(rs, 2),
                    rs.getString(3) == null ? null : ReviewVerdict.valueOf(rs.getString(3)), instant(rs, 4)));
        }
    }

    /** Those of {@code ids} that name a request still awaiting its review; one query, every id bound. */
    public List<UUID> unreviewed(Connection c, Collection<UUID> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement s = c.prepareStatement(String.format(UNREVIEWED, Rows.marks(ids.size())))) {
            int i = 1;
            for (UUID id : ids) {
                s.setObject(i++, id);
            }
            return Rows.list(s, rs -> rs.getObject(1, UUID.class));
        }
    }

    private static EmergencyRequest read(ResultSet rs, Instant now) throws SQLException {
        Instant dueAt = rs.getTimestamp("review_due_at").toInstant();
        Instant reviewedAt = instant(rs, 16);
        EmergencyRequest.Review review = reviewedAt == null ? null
                : new EmergencyRequest.Review(ReviewVerdict.valueOf(rs.getString("verdict")), rs.getString("review_note"),
                        rs.getObject("reviewed_by", UUID.class), reviewedAt, EmergencyRequest.late(dueAt, reviewedAt));
        return new EmergencyRequest(rs.getObject("id", UUID.class), rs.getString("agency_code"), rs.getString("vendor"),
                rs.getString("case_number"), rs.getString("scope"), rs.getString("justification"),
                rs.getTimestamp("footage_from").toInstant(), rs.getTimestamp("footage_to").toInstant(),
                rs.getObject("requested_by", UUID.class), rs.getTimestamp("requested_at").toInstant(),
                rs.getTimestamp("recorded_at").toInstant(), dueAt, EmergencyRequest.overdue(dueAt, reviewedAt, now), review);
    }
}
