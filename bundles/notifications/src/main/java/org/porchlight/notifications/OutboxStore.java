package org.porchlight.notifications;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.porchlight.api.notify.Notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * The outbox's SQL: {@code notify.notification} (one row per recipient and key) and
 * {@code notify.delivery} (one row per notification and channel that is not done with in the
 * fan-out's transaction). Work is claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so that
 * nodes sharing a database never take the same rows.
 */
public final class OutboxStore {

    static final String PENDING = "PENDING";
    static final String FANNED_OUT = "FANNED_OUT";
    static final String DELIVERED = "DELIVERED";
    static final String FAILED = "FAILED";
    /** A delivery that was not made, for the reason in {@code skip_reason}: final, like DELIVERED and FAILED. */
    static final String SKIPPED = "SKIPPED";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectReader READ_MAP = JSON.readerFor(new TypeReference<Map<String, String>>() {
    });
    /** Name-based delivery ids hash with MD5 (UUID version 3); one digest per thread rather than a lookup per id. */
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    });

    /**
     * How nodes sharing PostgreSQL keep out of each other's way. The embedded H2 has one process and
     * one worker thread claiming: there, row locks would only cost (H2 writes a lock into every row).
     */
    private static final String LOCK = " FOR UPDATE SKIP LOCKED";

    private OutboxStore() {
    }

    /** A notification as the outbox holds it. */
    public record Stored(UUID id, Notification notification, Instant createdAt, int attempts) {
    }

    /** A delivery a node has claimed: {@code attempt} is this try's number and fences its result. */
    public record Claimed(UUID id, String channel, int attempt, Stored notification) {
    }

    // --- enqueue -------------------------------------------------------------------------------

    /** Inserts in one batch; a notification whose recipient already has its key is skipped. */
    static int insert(Connection c, List<Notification> notifications, Instant now) throws SQLException {
        return insert(c, notifications, notifications.stream().map(n -> json(n.data())).toList(), now);
    }

    /** {@link #insert(Connection, List, Instant)} with each notification's data already written as JSON. */
    static int insert(Connection c, List<Notification> notifications, List<String> data, Instant now) throws SQLException {
        return insert(c, notifications, data, Collections.nCopies(notifications.size(), now), now);
    }

    /**
     * Adds the staff's copies of notifications being fanned out (one batch; a copy whose account has
     * its key already is skipped). Each keeps its original's creation time, so that its age counts
     * from the event, not from the fan-out.
     */
    static int insertCopies(Connection c, List<StaffRouting.Copy> copies, Instant now) throws SQLException {
        List<Notification> notifications = copies.stream().map(StaffRouting.Copy::notification).toList();
        return insert(c, notifications, notifications.stream().map(n -> json(n.data())).toList(),
                copies.stream().map(copy -> copy.of().createdAt()).toList(), now);
    }

    private static int insert(Connection c, List<Notification> notifications, List<String> data, List<Instant> created,
            Instant now) throws SQLException {
        Timestamp due = Timestamp.from(now);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO notify.notification (id, recipient, notify_key, topic, title, "
                + "body, data_json, created_at, state, due_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, 0) "
                + "ON CONFLICT DO NOTHING")) {
            for (int i = 0; i < notifications.size(); i++) {
                Notification n = notifications.get(i);
                insert.setObject(1, UUID.randomUUID());
                insert.setString(2, recipient(n.recipient()));
                insert.setString(3, n.key());
                insert.setString(4, n.topic());
                insert.setString(5, n.title());
                insert.setString(6, n.text());
                insert.setString(7, data.get(i));
                insert.setTimestamp(8, Timestamp.from(created.get(i)));
                insert.setTimestamp(9, due);
                insert.addBatch();
            }
            int added = 0;
            for (int count : insert.executeBatch()) {
                // A driver may not count batch rows (SUCCESS_NO_INFO); then only a recount could tell.
                added += count == Statement.SUCCESS_NO_INFO ? 1 : count;
            }
            return added;
        }
    }

    // --- fan-out -------------------------------------------------------------------------------

    /**
     * Takes up to {@code limit} notifications due for fan-out, oldest due first. With {@code lock}
     * (PostgreSQL, where nodes share the database) it locks them and skips rows another node holds.
     */
    static List<Stored> claimFanOut(Connection c, Instant now, int limit, boolean lock) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id, recipient, notify_key, topic, title, body, data_json, created_at, "
                + "attempts FROM notify.notification WHERE due_at <= ? ORDER BY due_at LIMIT ?" + (lock ? LOCK : ""))) {
            select.setTimestamp(1, Timestamp.from(now));
            select.setInt(2, limit);
            List<Stored> claimed = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    claimed.add(stored(rs));
                }
            }
            return claimed;
        }
    }

    /** Records that {@code ids} were handed to the channels and adds the deliveries still to make, and those skipped. */
    static void fannedOut(Connection c, List<UUID> ids, Map<UUID, List<String>> deliveries, List<Skip> skipped, Instant now)
            throws SQLException {
        addDeliveries(c, deliveries, now);
        addSkipped(c, skipped, now);
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE notify.notification SET state = 'FANNED_OUT', due_at = NULL, fanned_out_at = ? WHERE id = ?")) {
            for (UUID id : ids) {
                update.setTimestamp(1, at);
                update.setObject(2, id);
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** A notification and when it was fanned out. */
    record FannedOut(Stored stored, Instant at) {
    }

    /**
     * Notifications fanned out from {@code since} until {@code until}, after the position
     * ({@code afterTime}, {@code afterId}), in that order: for a channel catching up on what it
     * missed while it was away.
     */
    static List<FannedOut> fannedOut(Connection c, Instant since, Instant until, Instant afterTime, UUID afterId, int limit)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT id, recipient, notify_key, topic, title, body, data_json, created_at, "
                + "attempts, fanned_out_at FROM notify.notification WHERE state = 'FANNED_OUT' AND fanned_out_at >= ? "
                + "AND fanned_out_at <= ? AND (fanned_out_at > ? OR (fanned_out_at = ? AND id > ?)) ORDER BY fanned_out_at, id LIMIT ?")) {
            select.setTimestamp(1, Timestamp.from(since));
            select.setTimestamp(2, Timestamp.from(until));
            select.setTimestamp(3, Timestamp.from(afterTime));
            select.setTimestamp(4, Timestamp.from(afterTime));
            select.setObject(5, afterId);
            select.setInt(6, limit);
            List<FannedOut> found = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(new FannedOut(stored(rs), rs.getTimestamp(10).toInstant()));
                }
            }
            return found;
        }
    }

    /** Adds deliveries for the channels named; one that exists already (same notification and channel) is left as it is. */
    static void addDeliveries(Connection c, Map<UUID, List<String>> deliveries, Instant now) throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO notify.delivery (id, notification_id, channel, state, attempts, "
                + "next_attempt_at, updated_at) VALUES (?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING")) {
            boolean any = false;
            for (Map.Entry<UUID, List<String>> e : deliveries.entrySet()) {
                for (String channel : e.getValue()) {
                    insert.setObject(1, deliveryId(e.getKey(), channel));
                    insert.setObject(2, e.getKey());
                    insert.setString(3, channel);
                    insert.setTimestamp(4, at);
                    insert.setTimestamp(5, at);
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    /** A delivery of a notification through a channel that is not made, and why (e.g. {@code too-old: ...}). */
    record Skip(UUID notification, String channel, String reason) {
    }

    /** Records deliveries that are not made, as SKIPPED with their reason; one that exists already is left as it is. */
    static void addSkipped(Connection c, List<Skip> skipped, Instant now) throws SQLException {
        if (skipped.isEmpty()) {
            return;
        }
        Timestamp at = Timestamp.from(now);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO notify.delivery (id, notification_id, channel, state, "
                + "attempts, next_attempt_at, updated_at, skip_reason) VALUES (?, ?, ?, 'SKIPPED', 0, NULL, ?, ?) "
                + "ON CONFLICT DO NOTHING")) {
            for (Skip skip : skipped) {
                insert.setObject(1, deliveryId(skip.notification(), skip.channel()));
                insert.setObject(2, skip.notification());
                insert.setString(3, skip.channel());
                insert.setTimestamp(4, at);
                insert.setString(5, skip.reason().length() > 200 ? skip.reason().substring(0, 199) + "…" : skip.reason());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A fan-out of {@code id} failed: try again at {@code next}, or never ({@code next} null: FAILED). */
    static void fanOutFailed(Connection c, UUID id, int attempts, Instant next) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE notify.notification SET attempts = ?, due_at = ?, state = ? WHERE id = ? AND state = 'PENDING'")) {
            update.setInt(1, attempts);
            update.setTimestamp(2, next == null ? null : Timestamp.from(next));
            update.setString(3, next == null ? FAILED : PENDING);
            update.setObject(4, id);
            update.executeUpdate();
        }
    }

    /**
     * The id of the delivery of one notification through one channel: the same on every node and
     * after every restart, so a channel recognises a repeat by it (e.g. as an idempotency key).
     */
    public static UUID deliveryId(UUID notification, String channel) {
        MessageDigest md5 = MD5.get();
        byte[] hash = md5.digest(("porchlight-delivery:" + notification + ":" + channel).getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x30); // version 3, as UUID.nameUUIDFromBytes
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash);
        return new UUID(bytes.getLong(), bytes.getLong());
    }

    // --- deliveries ----------------------------------------------------------------------------

    /**
     * Claims up to {@code limit} due deliveries through the given channels: each gets its next
     * attempt number and is held until {@code leaseUntil}; if this node dies meanwhile, it becomes
     * due again then. Deliveries through a channel this node lacks (being updated, or installed on
     * other nodes only) are left to wait for it, their tries untouched.
     */
    static List<Claimed> claimDeliveries(Connection c, Collection<String> channels, Instant now, Instant leaseUntil, int limit,
            boolean lock) throws SQLException {
        record Row(UUID id, UUID notification, String channel, int attempt) {
        }
        if (channels.isEmpty()) {
            return List.of();
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id, notification_id, channel, attempts FROM notify.delivery "
                + "WHERE next_attempt_at <= ? AND channel IN (" + String.join(", ", Collections.nCopies(channels.size(), "?"))
                + ") ORDER BY next_attempt_at LIMIT ?" + (lock ? LOCK : ""))) {
            int i = 1;
            select.setTimestamp(i++, Timestamp.from(now));
            for (String channel : channels) {
                select.setString(i++, channel);
            }
            select.setInt(i, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4) + 1));
                }
            }
        }
        if (rows.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement lease = c.prepareStatement(
                "UPDATE notify.delivery SET attempts = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?")) {
            for (Row row : rows) {
                lease.setInt(1, row.attempt());
                lease.setTimestamp(2, Timestamp.from(leaseUntil));
                lease.setTimestamp(3, Timestamp.from(now));
                lease.setObject(4, row.id());
                lease.addBatch();
            }
            lease.executeBatch();
        }
        Map<UUID, Stored> notifications = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT id, recipient, notify_key, topic, title, body, data_json, "
                + "created_at, attempts FROM notify.notification WHERE id = ?")) {
            for (Row row : rows) {
                if (!notifications.containsKey(row.notification())) {
                    select.setObject(1, row.notification());
                    try (ResultSet rs = select.executeQuery()) {
                        if (rs.next()) {
                            notifications.put(row.notification(), stored(rs));
                        }
                    }
                }
            }
        }
        List<Claimed> claimed = new ArrayList<>();
        for (Row row : rows) {
            claimed.add(new Claimed(row.id(), row.channel(), row.attempt(), notifications.get(row.notification())));
        }
        return claimed;
    }

    /** Try {@code attempt} of delivery {@code id} succeeded: it is never tried again. False if another try's result came first. */
    static boolean delivered(Connection c, UUID id, int attempt, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE notify.delivery SET state = 'DELIVERED', next_attempt_at = NULL, "
                + "last_error = NULL, updated_at = ? WHERE id = ? AND attempts = ? AND state = 'PENDING'")) {
            update.setTimestamp(1, Timestamp.from(now));
            update.setObject(2, id);
            update.setInt(3, attempt);
            return update.executeUpdate() == 1;
        }
    }

    /** Try {@code attempt} did not happen (its channel went away after the claim): due again now, the try not counted. */
    static boolean released(Connection c, UUID id, int attempt, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE notify.delivery SET attempts = ?, next_attempt_at = ?, updated_at = ? "
                + "WHERE id = ? AND attempts = ? AND state = 'PENDING'")) {
            update.setInt(1, attempt - 1);
            update.setTimestamp(2, Timestamp.from(now));
            update.setTimestamp(3, Timestamp.from(now));
            update.setObject(4, id);
            update.setInt(5, attempt);
            return update.executeUpdate() == 1;
        }
    }

    /** Try {@code attempt} failed: due again at {@code next}, or FAILED for good if {@code next} is null. */
    static boolean failed(Connection c, UUID id, int attempt, Instant next, String error, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE notify.delivery SET state = ?, next_attempt_at = ?, last_error = ?, "
                + "updated_at = ? WHERE id = ? AND attempts = ? AND state = 'PENDING'")) {
            update.setString(1, next == null ? FAILED : PENDING);
            update.setTimestamp(2, next == null ? null : Timestamp.from(next));
            update.setString(3, error.length() > 300 ? error.substring(0, 299) + "…" : error);
            update.setTimestamp(4, Timestamp.from(now));
            update.setObject(5, id);
            update.setInt(6, attempt);
            return update.executeUpdate() == 1;
        }
    }

    // --- retention -----------------------------------------------------------------------------

    /**
     * Deletes, 1,000 at a time, notifications created before {@code before} that have nothing
     * left to do (their deliveries go with them). Returns how many.
     */
    static int prune(Connection c, Instant before) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM notify.notification WHERE id IN (SELECT n.id FROM "
                + "notify.notification n WHERE n.created_at < ? AND n.state <> 'PENDING' AND NOT EXISTS (SELECT 1 FROM "
                + "notify.delivery d WHERE d.notification_id = n.id AND d.state = 'PENDING') LIMIT 1000)")) {
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }

    // --- mapping -------------------------------------------------------------------------------

    static String recipient(Notification.Recipient recipient) {
        return recipient.account() != null ? "account:" + recipient.account() : "agency:" + recipient.agency();
    }

    static Notification.Recipient recipient(String stored) {
        return stored.startsWith("account:") ? Notification.Recipient.account(UUID.fromString(stored.substring(8)))
                : Notification.Recipient.agency(stored.substring(7));
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        Notification n = new Notification(rs.getString("notify_key"), recipient(rs.getString("recipient")), rs.getString("topic"),
                rs.getString("title"), rs.getString("body"), map(rs.getString("data_json")));
        return new Stored(rs.getObject("id", UUID.class), n, rs.getTimestamp("created_at").toInstant(), rs.getInt("attempts"));
    }

    /** {@code data} as the JSON object stored with a notification. */
    public static String json(Map<String, String> data) {
        if (data.isEmpty()) {
            return "{}";
        }
        try {
            return JSON.writeValueAsString(new LinkedHashMap<>(data));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("data cannot be written as JSON", e);
        }
    }

    /** The stored JSON object back as a map. */
    public static Map<String, String> map(String json) {
        if (json.equals("{}")) {
            return Map.of();
        }
        try {
            return READ_MAP.readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notification data is not a JSON object of strings", e);
        }
    }
}
