package org.porchlight.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.personal.Erasure;
import org.porchlight.notifications.inbox.Inbox;
import org.porchlight.testing.TestDatabase;

/** A resident's notifications as their personal data: the inbox exported; inbox and outbox rows go with the account. */
class InboxDataTest {

    private TestDatabase database;
    private InboxData data;
    private final UUID resident = UUID.randomUUID();
    private final UUID neighbour = UUID.randomUUID();

    @BeforeEach
    void setUp() {
        database = TestDatabase.inMemory("notify");
        data = new InboxData(new Inbox(database), database);
        for (UUID account : new UUID[] {resident, neighbour}) {
            notify(account, "footage-request:" + account);
        }
    }

    @Test
    void theExportListsTheResidentsInboxOnly() {
        String export = data.export(resident).toString();

        assertThat(export).contains("footage-request:" + resident).doesNotContain(neighbour.toString());
    }

    @Test
    void theInboxAndEveryNotificationToTheResidentGoAndNothingOfAnother() {
        assertThat(data.erase(resident)).isEqualTo(new Erasure(2, 0));

        assertThat(data.export(resident)).isEqualTo(Map.of("items", java.util.List.of()));
        assertThat(count("SELECT COUNT(*) FROM notify.notification WHERE recipient = 'account:" + resident + "'")).isZero();
        assertThat(count("SELECT COUNT(*) FROM notify.notification")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM notify.inbox_item")).isEqualTo(1);
        assertThat(data.erase(resident)).isEqualTo(Erasure.none());
    }

    private void notify(UUID account, String key) {
        database.inTransaction(c -> {
            try (PreparedStatement n = c.prepareStatement("INSERT INTO notify.notification (id, recipient, notify_key, "
                    + "topic, title, body, data_json, created_at, state, attempts) "
                    + "VALUES (?, ?, ?, 'footage-request.asked', 'Asked', '', '{}', ?, 'PENDING', 0)");
                    PreparedStatement i = c.prepareStatement("INSERT INTO notify.inbox_item (id, account_id, notify_key, "
                            + "topic, title, body, data_json, created_at) "
                            + "VALUES (?, ?, ?, 'footage-request.asked', 'Asked', '', '{}', ?)")) {
                n.setObject(1, UUID.randomUUID());
                n.setString(2, "account:" + account);
                n.setString(3, key);
                n.setTimestamp(4, Timestamp.from(Instant.now()));
                n.executeUpdate();
                i.setObject(1, UUID.randomUUID());
                i.setObject(2, account);
                i.setString(3, key);
                i.setTimestamp(4, Timestamp.from(Instant.now()));
                return i.executeUpdate();
            }
        });
    }

    private long count(String sql) {
        return database.withConnection(c -> {
            try (var s = c.createStatement(); var rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
