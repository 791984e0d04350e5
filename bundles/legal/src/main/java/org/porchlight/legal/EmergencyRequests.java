package org.porchlight.legal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.store.Database;

/**
 * The {@code legal.emergency_request} records and their review: every agency-facing query is
 * scoped by the agency; a review is given once, by a supervisor who is not the requester, and is
 * due a set time after the request was made to the vendor (not after it was recorded here, so
 * recording late does not buy time).
 */
public final class EmergencyRequests {

    /** Shortest justification, in characters without surrounding spaces. */
    public static final int MIN_JUSTIFICATION = 50;
    /** Shortest note that explains a finding of "not justified". */
    public static final int MIN_NOT_JUSTIFIED_NOTE = 10;
    /** How far back a request may be recorded: a year and a day. */
    static final Duration MAX_BACKDATE = Duration.ofDays(366);
    /** Clock skew tolerated for a request time "now". */
    static final Duration SKEW = Duration.ofMinutes(5);

    static final String TOPIC_REVIEW_NEEDED = "emergency-request.review-needed";
    static final String TOPIC_REVIEW_OVERDUE = "emergency-request.review-overdue";

    /** What staff record about an emergency request. {@code requestedAt} {@code null} means now. */
    public record Details(String vendor, String caseNumber, String scope, String justification, Instant footageFrom, Instant footageTo,
            Instant requestedAt) {
    }

    /** What the public page counts about one request. */
    record Counted(Instant requestedAt, Instant reviewDueAt, ReviewVerdict verdict, Instant reviewedAt) {
    }

    /** An unreviewed request past its due time whose agency has not yet been told. */
    record Overdue(UUID id, String agency, String vendor, Instant requestedAt, Instant reviewDueAt) {
    }

    private static final String COLUMNS = "id, agency_code, vendor, case_number, scope, justification, footage_from, footage_to, "
            + "requested_by, requested_at, recorded_at, review_due_at, verdict, review_note, reviewed_by, reviewed_at";

    private final Database database;
    private final Clock clock;
    private final Duration reviewWindow;
    private final Supplier<Outbox> outbox;

    /** @param outbox the notification outbox, or {@code null} from the supplier while there is none */
    EmergencyRequests(Database database, Clock clock, Duration reviewWindow, Supplier<Outbox> outbox) {
        this.database = database;
        this.clock = clock;
        this.reviewWindow = reviewWindow;
        this.outbox = outbox;
    }

    public Duration reviewWindow() {
        return reviewWindow;
    }

    public EmergencyRequest create(String agency, UUID by, Details details) {
        Instant now = clock.instant();
        if (details.justification().strip().length() < MIN_JUSTIFICATION) {
            throw LegalProblems.invalid("justification", "a written justification of at least " + MIN_JUSTIFICATION + " characters is required");
        }
        if (details.footageFrom().isAfter(details.footageTo())) {
            throw LegalProblems.invalid("footageTo", "must not be before footageFrom");
        }
        Instant requestedAt = details.requestedAt() == null ? now : details.requestedAt().truncatedTo(ChronoUnit.MILLIS);
        if (requestedAt.isAfter(now.plus(SKEW))) {
            throw LegalProblems.invalid("requestedAt", "must not be in the future");
        }
        if (requestedAt.isBefore(now.minus(MAX_BACKDATE))) {
            throw LegalProblems.invalid("requestedAt", "must be within the last " + MAX_BACKDATE.toDays() + " days");
        }
        Instant dueAt = requestedAt.plus(reviewWindow);
        UUID id = UUID.randomUUID();
        return database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO legal.emergency_request (id, agency_code, vendor, "
                    + "case_number, scope, justification, footage_from, footage_to, requested_by, requested_at, recorded_at, "
                    + "review_due_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, agency);
                insert.setString(3, details.vendor());
                insert.setString(4, details.caseNumber());
                insert.setString(5, details.scope());
                insert.setString(6, details.justification().strip());
                insert.setTimestamp(7, Timestamp.from(details.footageFrom()));
                insert.setTimestamp(8, Timestamp.from(details.footageTo()));
                insert.setObject(9, by);
                insert.setTimestamp(10, Timestamp.from(requestedAt));
                insert.setTimestamp(11, Timestamp.from(now));
                insert.setTimestamp(12, Timestamp.from(dueAt));
                insert.executeUpdate();
            }
            Outbox notifications = outbox.get();
            if (notifications != null) {
                // In this transaction: the supervisors hear of it exactly when the record exists.
                notifications.enqueue(c, List.of(new Notification(TOPIC_REVIEW_NEEDED + ":" + id, Notification.Recipient.agency(agency),
                        TOPIC_REVIEW_NEEDED, "Emergency request to review",
                        "An emergency request to " + details.vendor() + " made at " + requestedAt
                                + " needs a supervisor's review by " + dueAt + ".",
                        Map.of("agency", agency, "emergencyRequest", id.toString(), "reviewDueAt", dueAt.toString()))));
            }
            return find(c, agency, id, now).orElseThrow();
        });
    }

    public Optional<EmergencyRequest> find(String agency, UUID id) {
        Instant now = clock.instant();
        return database.withConnection(c -> find(c, agency, id, now));
    }

    /**
     * Newest first.
     *
     * @param reviewed {@code null} for all, otherwise only those reviewed (or not)
     * @param overdue  only unreviewed ones past their due time
     */
    public List<EmergencyRequest> list(String agency, Boolean reviewed, boolean overdue, int limit, int offset) {
        Instant now = clock.instant();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM legal.emergency_request WHERE agency_code = ?");
        List<Object> parameters = new ArrayList<>(List.of(agency));
        if (reviewed != null) {
            sql.append(reviewed ? " AND verdict IS NOT NULL" : " AND verdict IS NULL");
        }
        if (overdue) {
            sql.append(" AND verdict IS NULL AND review_due_at < ?");
            parameters.add(Timestamp.from(now));
        }
        sql.append(" ORDER BY requested_at DESC, id LIMIT ? OFFSET ?");
        parameters.add(limit);
        parameters.add(offset);
        return RowQuery.list(database, sql.toString(), parameters, rs -> read(rs, now));
    }

    /** How many of the agency's requests await a review past their due time. */
    public long overdueCount(String agency) {
        Instant now = clock.instant();
        return database.withConnection(c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM legal.emergency_request "
                    + "WHERE agency_code = ? AND verdict IS NULL AND review_due_at < ?")) {
                count.setString(1, agency);
                count.setTimestamp(2, Timestamp.from(now));
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Records a supervisor's review; empty if the agency has no such request.
     *
     * @throws ProblemException 403 if the reviewer made the request, 409 if it is already
     *         reviewed, 400 if "not justified" comes without a note
     */
    public Optional<EmergencyRequest> review(String agency, UUID id, UUID reviewer, ReviewVerdict verdict, String note) {
        String text = note == null || note.isBlank() ? null : note.strip();
        if (verdict == ReviewVerdict.NOT_JUSTIFIED && (text == null || text.length() < MIN_NOT_JUSTIFIED_NOTE)) {
            throw LegalProblems.invalid("note", "a finding of NOT_JUSTIFIED needs a note of at least " + MIN_NOT_JUSTIFIED_NOTE
                    + " characters saying why");
        }
        Instant now = clock.instant();
        return database.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT requested_by, verdict FROM legal.emergency_request "
                    + "WHERE id = ? AND agency_code = ? FOR UPDATE")) {
                select.setObject(1, id);
                select.setString(2, agency);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<EmergencyRequest>empty();
                    }
                    if (reviewer.equals(rs.getObject(1, UUID.class))) {
                        throw new ProblemException(LegalProblems.SELF_REVIEW,
                                "A supervisor other than the one who made the emergency request must review it.");
                    }
                    if (rs.getString(2) != null) {
                        throw new ProblemException(LegalProblems.ALREADY_REVIEWED,
                                "The emergency request is already reviewed (" + rs.getString(2) + "); a review is given once.");
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE legal.emergency_request SET verdict = ?, review_note = ?, "
                    + "reviewed_by = ?, reviewed_at = ? WHERE id = ? AND agency_code = ?")) {
                update.setString(1, verdict.name());
                update.setString(2, text);
                update.setObject(3, reviewer);
                update.setTimestamp(4, Timestamp.from(now));
                update.setObject(5, id);
                update.setString(6, agency);
                update.executeUpdate();
            }
            return find(c, agency, id, now);
        });
    }

    /** Unreviewed requests of every agency past their due time whose agency has not been told yet, oldest first. */
    List<Overdue> overdueUnnotified(int limit) {
        Instant now = clock.instant();
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, agency_code, vendor, requested_at, review_due_at "
                    + "FROM legal.emergency_request WHERE verdict IS NULL AND review_due_at < ? AND overdue_notified_at IS NULL "
                    + "ORDER BY review_due_at, id LIMIT ?")) {
                select.setTimestamp(1, Timestamp.from(now));
                select.setInt(2, limit);
                List<Overdue> overdue = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        overdue.add(new Overdue(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()));
                    }
                }
                return overdue;
            }
        });
    }

    /**
     * Tells the agency's supervisors, through {@code notifications}, that a review is overdue, once:
     * marking the request and enqueueing the notification commit together, and of several nodes
     * only the one whose mark lands enqueues.
     *
     * @return whether this call told them
     */
    boolean notifyOverdue(Overdue request, Outbox notifications) {
        return database.inTransaction(c -> {
            try (PreparedStatement mark = c.prepareStatement("UPDATE legal.emergency_request SET overdue_notified_at = ? "
                    + "WHERE id = ? AND verdict IS NULL AND overdue_notified_at IS NULL")) {
                mark.setTimestamp(1, Timestamp.from(clock.instant()));
                mark.setObject(2, request.id());
                if (mark.executeUpdate() == 0) {
                    return false;
                }
            }
            notifications.enqueue(c, List.of(new Notification(TOPIC_REVIEW_OVERDUE + ":" + request.id(),
                    Notification.Recipient.agency(request.agency()), TOPIC_REVIEW_OVERDUE, "Emergency request review overdue",
                    "The emergency request to " + request.vendor() + " made at " + request.requestedAt()
                            + " was due for a supervisor's review by " + request.reviewDueAt() + " and has not been reviewed.",
                    Map.of("agency", request.agency(), "emergencyRequest", request.id().toString(),
                            "reviewDueAt", request.reviewDueAt().toString()))));
            return true;
        });
    }

    /** The agency's requests made in {@code [from, to)}, for the public counts. */
    List<Counted> requestedBetween(String agency, Instant from, Instant to) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT requested_at, review_due_at, verdict, reviewed_at "
                    + "FROM legal.emergency_request WHERE agency_code = ? AND requested_at >= ? AND requested_at < ?")) {
                select.setString(1, agency);
                select.setTimestamp(2, Timestamp.from(from));
                select.setTimestamp(3, Timestamp.from(to));
                List<Counted> counted = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Timestamp reviewedAt = rs.getTimestamp(4);
                        counted.add(new Counted(rs.getTimestamp(1).toInstant(), rs.getTimestamp(2).toInstant(),
                                rs.getString(3) == null ? null : ReviewVerdict.valueOf(rs.getString(3)),
                                reviewedAt == null ? null : reviewedAt.toInstant()));
                    }
                }
                return counted;
            }
        });
    }

    private static Optional<EmergencyRequest> find(Connection c, String agency, UUID id, Instant now) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM legal.emergency_request "
                + "WHERE id = ? AND agency_code = ?")) {
            select.setObject(1, id);
            select.setString(2, agency);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, now)) : Optional.empty();
            }
        }
    }

    private static EmergencyRequest read(ResultSet rs, Instant now) throws SQLException {
        Instant dueAt = rs.getTimestamp("review_due_at").toInstant();
        Timestamp reviewed = rs.getTimestamp("reviewed_at");
        Instant reviewedAt = reviewed == null ? null : reviewed.toInstant();
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
