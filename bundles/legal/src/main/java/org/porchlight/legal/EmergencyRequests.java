package org.porchlight.legal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.store.Database;
import org.porchlight.legal.store.EmergencyRequestRows;
import org.porchlight.legal.store.EmergencyRequestRows.Locked;

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
    public record Counted(Instant requestedAt, Instant reviewDueAt, ReviewVerdict verdict, Instant reviewedAt) {
    }

    /** An unreviewed request past its due time whose agency has not yet been told. */
    public record Overdue(UUID id, String agency, String vendor, Instant requestedAt, Instant reviewDueAt) {
    }

    private final Database database;
    private final EmergencyRequestRows rows = new EmergencyRequestRows();
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
            rows.insert(c, id, agency, by, details, requestedAt, now, dueAt);
            Outbox notifications = outbox.get();
            if (notifications != null) {
                // In this transaction: the supervisors hear of it exactly when the record exists.
                notifications.enqueue(c, List.of(new Notification(TOPIC_REVIEW_NEEDED + ":" + id, Notification.Recipient.agency(agency),
                        TOPIC_REVIEW_NEEDED, "Emergency request to review",
                        "An emergency request to " + details.vendor() + " made at " + requestedAt
                                + " needs a supervisor's review by " + dueAt + ".",
                        Map.of("agency", agency, "emergencyRequest", id.toString(), "reviewDueAt", dueAt.toString()))));
            }
            return rows.find(c, agency, id, now).orElseThrow();
        });
    }

    public Optional<EmergencyRequest> find(String agency, UUID id) {
        Instant now = clock.instant();
        return database.withConnection(c -> rows.find(c, agency, id, now));
    }

    /**
     * Newest first.
     *
     * @param reviewed {@code null} for all, otherwise only those reviewed (or not)
     * @param overdue  only unreviewed ones past their due time
     */
    public List<EmergencyRequest> list(String agency, Boolean reviewed, boolean overdue, int limit, int offset) {
        Instant now = clock.instant();
        return database.withConnection(c -> rows.list(c, agency, reviewed, overdue, limit, offset, now));
    }

    /** How many of the agency's requests await a review past their due time. */
    public long overdueCount(String agency) {
        Instant now = clock.instant();
        return database.withConnection(c -> rows.overdueCount(c, agency, now));
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
            Optional<Locked> locked = rows.lock(c, agency, id);
            if (locked.isEmpty()) {
                return Optional.<EmergencyRequest>empty();
            }
            if (reviewer.equals(locked.get().requestedBy())) {
                throw new ProblemException(LegalProblems.SELF_REVIEW,
                        "A supervisor other than the one who made the emergency request must review it.");
            }
            if (locked.get().verdict() != null) {
                throw new ProblemException(LegalProblems.ALREADY_REVIEWED,
                        "The emergency request is already reviewed (" + locked.get().verdict() + "); a review is given once.");
            }
            rows.review(c, agency, id, verdict, text, reviewer, now);
            return rows.find(c, agency, id, now);
        });
    }

    /** Unreviewed requests of every agency past their due time whose agency has not been told yet, oldest first. */
    List<Overdue> overdueUnnotified(int limit) {
        Instant now = clock.instant();
        return database.withConnection(c -> rows.overdueUnnotified(c, now, limit));
    }

    /** What is recorded with a notice of an overdue review, in its transaction (its audit entry). */
    interface NoticeRecord {
        void told(Connection c, Overdue request) throws SQLException;
    }

    /**
     * Tells the agency's supervisors, through {@code notifications}, that a review is overdue, once:
     * marking the request, enqueueing the notification and {@code record} commit together, and of
     * several nodes only the one whose mark lands enqueues and records.
     *
     * @return whether this call told them
     */
    boolean notifyOverdue(Overdue request, Outbox notifications, NoticeRecord record) {
        return database.inTransaction(c -> {
            if (!rows.markOverdueNotified(c, request.id(), clock.instant())) {
                return false;
            }
            notifications.enqueue(c, List.of(new Notification(TOPIC_REVIEW_OVERDUE + ":" + request.id(),
                    Notification.Recipient.agency(request.agency()), TOPIC_REVIEW_OVERDUE, "Emergency request review overdue",
                    "The emergency request to " + request.vendor() + " made at " + request.requestedAt()
                            + " was due for a supervisor's review by " + request.reviewDueAt() + " and has not been reviewed.",
                    Map.of("agency", request.agency(), "emergencyRequest", request.id().toString(),
                            "reviewDueAt", request.reviewDueAt().toString()))));
            record.told(c, request);
            return true;
        });
    }

    /** The agency's requests made in {@code [from, to)}, for the public counts. */
    List<Counted> requestedBetween(String agency, Instant from, Instant to) {
        return database.withConnection(c -> rows.requestedBetween(c, agency, from, to));
    }
}
