package org.porchlight.requests.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
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
import org.porchlight.requests.DeliveryStatus;
import org.porchlight.requests.RequestState;
import org.porchlight.sql.Rows;

/** All SQL about deliveries: who was asked, with the request they were asked, and how they answered. */
public final class DeliveryRows {

    private static final String COLUMNS = "d.id, d.request_id, d.owner_id, d.registrations, d.status, d.responded_at, "
            + "d.decline_reason, d.revealed_name, d.revealed_email, r.agency_code, r.case_number, r.incident_type, "
            + "r.incident_detail, r.window_start, r.window_end, r.area, r.message, r.expires_at, r.state";
    private static final String FROM = " FROM requests.delivery d JOIN requests.footage_request r ON r.id = d.request_id";
    private static final String BY_OWNER = "SELECT " + COLUMNS + FROM
            + " WHERE d.owner_id = ? ORDER BY d.created_at DESC, d.id LIMIT ?";
    private static final String ONE = "SELECT " + COLUMNS + FROM + " WHERE d.id = ? AND d.owner_id = ?";
    private static final String ONE_FOR_UPDATE = ONE + " FOR UPDATE";
    private static final String SHARED = "SELECT " + COLUMNS + FROM + " WHERE d.request_id = ? AND r.agency_code = ? "
            + "AND d.status = 'SHARED' ORDER BY d.responded_at, d.id";
    private static final String ANSWER = "UPDATE requests.delivery SET status = ?, responded_at = ?, decline_reason = ?, "
            + "revealed_name = ?, revealed_email = ? WHERE id = ?";
    private static final String ASK = "INSERT INTO requests.delivery (id, request_id, owner_id, registrations, status, "
            + "created_at) VALUES (?, ?, ?, ?, 'PENDING', ?)";
    private static final String NO_ANSWER = "UPDATE requests.delivery SET status = 'NO_ANSWER', responded_at = ? "
            + "WHERE request_id = ? AND status = 'PENDING'";
    private static final String PENDING = "SELECT id, owner_id FROM requests.delivery WHERE request_id = ? "
            + "AND status = 'PENDING'";
    private static final String ANSWER_COUNTS = "SELECT status, COUNT(*) FROM requests.delivery WHERE request_id = ? "
            + "GROUP BY status";

    private static final String FORGET_UNANSWERED = "DELETE FROM requests.delivery WHERE owner_id = ? "
            + "AND status IN ('PENDING', 'NO_ANSWER')";
    private static final String FORGET_DETAILS = "UPDATE requests.delivery SET revealed_name = NULL, revealed_email = NULL, "
            + "decline_reason = NULL WHERE owner_id = ?";
    private static final String ANSWERED = "SELECT COUNT(*) FROM requests.delivery WHERE owner_id = ?";

    /** The statuses the agency sees counted: answers an owner gave. */
    private static final Set<DeliveryStatus> ANSWERS = EnumSet.of(DeliveryStatus.SHARED, DeliveryStatus.NOTHING,
            DeliveryStatus.DECLINED);

    /** Executing the batch every so many rows bounds the driver's memory on a very large area. */
    private static final int BATCH = 1000;

    /** One owner's delivery with the request it asks about. */
    public record Delivery(UUID id, UUID request, UUID owner, String registrations, DeliveryStatus status, Instant answeredAt,
            String declineReason, String revealedName, String revealedEmail, String agency, String caseNumber,
            IncidentType incidentType, String incidentDetail, Instant windowStart, Instant windowEnd, Area area, String message,
            Instant expiresAt, RequestState requestState) {

        /** Who holds the files the owner prepares for this answer, as the evidence intake keys them. */
        public String holder() {
            return "response:" + id;
        }
    }

    /** A delivery to write: the owner asked, and their registrations in the area as one comma-separated text. */
    public record Ask(UUID id, UUID owner, String registrations) {
    }

    /** A delivery still waiting for its owner's answer. */
    public record Pending(UUID id, UUID owner) {
    }

    private final JsonCodec json;

    public DeliveryRows(JsonCodec json) {
        this.json = json;
    }

    public List<Delivery> byOwner(Connection c, UUID owner, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(BY_OWNER)) {
            s.setObject(1, owner);
            s.setInt(2, limit);
            return Rows.list(s, this::read);
        }
    }

    /** The owner's delivery, optionally locked for the transaction; anyone else's is not found. */
    public Optional<Delivery> find(Connection c, UUID owner, UUID id, boolean forUpdate) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(forUpdate ? ONE_FOR_UPDATE : ONE)) {
            s.setObject(1, id);
            s.setObject(2, owner);
            return Rows.first(s, this::read);
        }
    }

    /** The deliveries of a request whose owners shared files, first share first. */
    public List<Delivery> shared(Connection c, String agency, UUID request) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SHARED)) {
            s.setObject(1, request);
            s.setString(2, agency);
            return Rows.list(s, this::read);
        }
    }

    public void answer(Connection c, UUID id, DeliveryStatus status, Instant at, String reason, String name, String email)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ANSWER)) {
            s.setString(1, status.name());
            s.setTimestamp(2, timestamp(at));
            s.setString(3, reason);
            s.setString(4, name);
            s.setString(5, email);
            s.setObject(6, id);
            s.executeUpdate();
        }
    }

    /** Writes one pending delivery of {@code request} per entry, in batches. */
    public void ask(Connection c, UUID request, List<Ask> asks, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ASK)) {
            int batched = 0;
            for (Ask ask : asks) {
                s.setObject(1, ask.id());
                s.setObject(2, request);
                s.setObject(3, ask.owner());
                s.setString(4, ask.registrations());
                s.setTimestamp(5, timestamp(now));
                s.addBatch();
                if (++batched % BATCH == 0) {
                    s.executeBatch();
                }
            }
            s.executeBatch();
        }
    }

    /** Those who had not answered the request are recorded as not answering. */
    public void noAnswer(Connection c, UUID request, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(NO_ANSWER)) {
            s.setTimestamp(1, timestamp(now));
            s.setObject(2, request);
            s.executeUpdate();
        }
    }

    /** The request's deliveries still waiting for an answer. */
    public List<Pending> pending(Connection c, UUID request) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PENDING)) {
            s.setObject(1, request);
            return Rows.list(s, rs -> new Pending(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
        }
    }

    /**
     * The counts of the answers owners gave (shared, nothing, declined): each is the owner's own act,
     * also told to the agency one by one. Not how many are pending or never answered: with the
     * answers, that would add up to the exact number asked, which the agency is not shown.
     */
    public Map<DeliveryStatus, Integer> answerCounts(Connection c, UUID request) throws SQLException {
        Map<DeliveryStatus, Integer> counts = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : ANSWERS) {
            counts.put(status, 0);
        }
        try (PreparedStatement s = c.prepareStatement(ANSWER_COUNTS)) {
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

    /**
     * Forgets an owner who deleted their account: the requests they never answered go; their answers stay for the
     * agencies' figures and custody, without the name, address and reason they gave.
     *
     * @return the deliveries deleted and the answers kept
     */
    public long[] forget(Connection c, UUID owner) throws SQLException {
        long removed;
        try (PreparedStatement delete = c.prepareStatement(FORGET_UNANSWERED)) {
            delete.setObject(1, owner);
            removed = delete.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement(FORGET_DETAILS)) {
            update.setObject(1, owner);
            update.executeUpdate();
        }
        try (PreparedStatement count = c.prepareStatement(ANSWERED)) {
            count.setObject(1, owner);
            return new long[] {removed, Rows.single(count)};
        }
    }

    private Delivery read(ResultSet rs) throws SQLException {
        return new Delivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), DeliveryStatus.valueOf(rs.getString(5)), instant(rs, 6), rs.getString(7), rs.getString(8),
                rs.getString(9), rs.getString(10), rs.getString(11), IncidentType.valueOf(rs.getString(12)), rs.getString(13),
                instant(rs, 14), instant(rs, 15), json.read(rs.getString(16), Area.class), rs.getString(17), instant(rs, 18),
                RequestState.valueOf(rs.getString(19)));
    }
}
