package org.porchlight.notifications.inbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.NotificationChannel;
import org.porchlight.api.store.Database;
import org.porchlight.notifications.OutboxStore;
import org.porchlight.notifications.TransactionalChannel;

/**
 * The in-app inbox, the built-in channel: every notification to an account becomes an item in
 * {@code notify.inbox_item}, at most one per account and key. The worker writes items in its
 * fan-out transaction; everything a person reads is queried by their own account id.
 */
@Component(service = {NotificationChannel.class, Inbox.class}, property = NotificationChannel.NAME + "=" + Inbox.CHANNEL)
public class Inbox implements TransactionalChannel {

    public static final String CHANNEL = "inbox";

    /**
     * One item as its owner sees it.
     *
     * @param id        names the item in {@code POST /api/me/inbox/{id}/read}
     * @param key       what it is about, e.g. {@code registry.confirmation-due:...}
     * @param createdAt when it arrived in the inbox
     * @param readAt    when its owner marked it read; null while unread
     */
    public record Item(UUID id, String key, String topic, String title, String text, Map<String, String> data, Instant createdAt,
            Instant readAt) {
    }

    /**
     * One page, newest first.
     *
     * @param unread how many of the owner's items are unread, on every page
     * @param next   the cursor of the next (older) page; null on the last page
     */
    public record Page(List<Item> items, long unread, String next) {
    }

    private final Database database;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public Inbox(@Reference Database database) {
        this.database = database;
    }

    @Override
    public boolean accepts(Notification notification) {
        return notification.recipient().account() != null;
    }

    /** The worker's fallback when it cannot use {@link #deliverAll}: a transaction of its own. */
    @Override
    public void deliver(Delivery delivery) {
        database.inTransaction(c -> {
            deliverAll(c, List.of(delivery));
            return null;
        });
    }

    @Override
    public void deliverAll(Connection c, List<Delivery> deliveries) throws SQLException {
        Timestamp now = Timestamp.from(clock.instant());
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO notify.inbox_item (id, account_id, notify_key, topic, title, "
                + "body, data_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Delivery d : deliveries) {
                Notification n = d.notification();
                insert.setObject(1, d.id());
                insert.setObject(2, n.recipient().account());
                insert.setString(3, n.key());
                insert.setString(4, n.topic());
                insert.setString(5, n.title());
                insert.setString(6, n.text());
                insert.setString(7, OutboxStore.json(n.data()));
                insert.setTimestamp(8, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The account's items older than {@code before} (a cursor; null for the newest), newest first. */
    public Page page(UUID account, Long before, int limit) {
        return database.withConnection(c -> {
            List<Item> items = new ArrayList<>();
            Long last = null;
            boolean more = false;
            try (PreparedStatement select = c.prepareStatement("SELECT seq, id, notify_key, topic, title, body, data_json, created_at, "
                    + "read_at FROM notify.inbox_item WHERE account_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?")) {
                select.setObject(1, account);
                select.setLong(2, before == null ? Long.MAX_VALUE : before);
                select.setInt(3, limit + 1);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        if (items.size() == limit) {
                            more = true;
                            break;
                        }
                        last = rs.getLong(1);
                        Timestamp read = rs.getTimestamp(9);
                        items.add(new Item(rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                OutboxStore.map(rs.getString(7)), rs.getTimestamp(8).toInstant(), read == null ? null : read.toInstant()));
                    }
                }
            }
            return new Page(items, unread(c, account), more ? Long.toString(last) : null);
        });
    }

    private static long unread(Connection c, UUID account) throws SQLException {
        try (PreparedStatement count = c.prepareStatement(
                "SELECT COUNT(*) FROM notify.inbox_item WHERE account_id = ? AND read_at IS NULL")) {
            count.setObject(1, account);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Marks one of the account's items read (again, harmlessly); false if the account has no such item. */
    public boolean markRead(UUID account, UUID item) {
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE notify.inbox_item SET read_at = COALESCE(read_at, ?) WHERE account_id = ? AND id = ?")) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setObject(2, account);
                update.setObject(3, item);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Marks all the account's unread items read; returns how many. */
    public int markAllRead(UUID account) {
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE notify.inbox_item SET read_at = ? WHERE account_id = ? AND read_at IS NULL")) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setObject(2, account);
                return update.executeUpdate();
            }
        });
    }

    /** Deletes up to 1,000 items that arrived before {@code before}; returns how many. */
    public int prune(Instant before) {
        return database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM notify.inbox_item WHERE id IN (SELECT id FROM "
                    + "notify.inbox_item WHERE created_at < ? LIMIT 1000)")) {
                delete.setTimestamp(1, Timestamp.from(before));
                return delete.executeUpdate();
            }
        });
    }
}
