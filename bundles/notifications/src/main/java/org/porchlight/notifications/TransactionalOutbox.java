package org.porchlight.notifications;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.store.Database;

/**
 * The {@link Outbox}: writes notifications into {@code notify.notification} on the caller's own
 * connection, so they commit or roll back with the caller's change. A repeat of a recipient's key
 * is skipped by the table's unique constraint ({@code ON CONFLICT DO NOTHING}, which PostgreSQL and
 * H2 both understand), so one batched insert does it all.
 */
@Component(service = Outbox.class)
public class TransactionalOutbox implements Outbox {

    /** What a topic may be: lower-case words joined by dots or hyphens, e.g. {@code footage-request.delivered}. */
    static final Pattern TOPIC = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 10_000;
    static final int MAX_DATA_ENTRIES = 50;
    static final int MAX_DATA_JSON = 10_000;

    private final Clock clock = Clock.systemUTC();

    /** Told after every enqueue, so that it looks for work at once rather than at its next poll. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeliveryWorker worker;

    /** The reference makes sure the notify schema is migrated before anybody enqueues. */
    @Activate
    public TransactionalOutbox(@Reference Database database) {
    }

    @Override
    public int enqueue(Connection transaction, List<Notification> notifications) throws SQLException {
        if (notifications.isEmpty()) {
            return 0;
        }
        if (transaction.getAutoCommit()) {
            throw new IllegalArgumentException("enqueue needs a connection in a transaction (Database.inTransaction), "
                    + "so that notifications commit with the change they announce");
        }
        List<String> data = new ArrayList<>(notifications.size());
        for (int i = 0; i < notifications.size(); i++) {
            data.add(check(notifications.get(i), i));
        }
        int added = OutboxStore.insert(transaction, notifications, data, clock.instant());
        DeliveryWorker current = worker;
        if (added > 0 && current != null) {
            current.nudge();
        }
        return added;
    }

    /**
     * Refuses what the tables cannot hold, naming the field and the position, never the value.
     * Returns the notification's data as the JSON to store.
     */
    static String check(Notification n, int index) {
        String at = " (notification " + index + ")";
        if (!TOPIC.matcher(n.topic()).matches()) {
            throw new IllegalArgumentException("topic must be 1 to 100 of a-z 0-9 . _ - starting with a letter or digit" + at);
        }
        if (n.title().isBlank() || n.title().length() > MAX_TITLE || n.title().indexOf('\n') >= 0 || n.title().indexOf('\r') >= 0) {
            throw new IllegalArgumentException("title must be one line of 1 to " + MAX_TITLE + " characters" + at);
        }
        if (n.text().length() > MAX_TEXT) {
            throw new IllegalArgumentException("text must be at most " + MAX_TEXT + " characters" + at);
        }
        if (n.data().size() > MAX_DATA_ENTRIES) {
            throw new IllegalArgumentException("data must have at most " + MAX_DATA_ENTRIES + " entries" + at);
        }
        String json = OutboxStore.json(n.data());
        if (json.length() > MAX_DATA_JSON) {
            throw new IllegalArgumentException("data must be at most " + MAX_DATA_JSON + " characters as JSON" + at);
        }
        if (n.recipient().agency() != null && n.recipient().agency().length() > 16) {
            throw new IllegalArgumentException("an agency code has at most 16 characters" + at);
        }
        return json;
    }
}
