package org.porchlight.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.notify.Notification;
import org.porchlight.notifications.inbox.Inbox;
import org.porchlight.testing.TestDatabase;

/** The worker's loops against H2: one notification that cannot be handed out does not hold up the others. */
class DeliveryWorkerTest {

    private TestDatabase database;
    private DeliveryWorker worker;

    @BeforeEach
    void start() {
        database = TestDatabase.inMemory("notify");
        worker = new DeliveryWorker(database, config());
    }

    @AfterEach
    void stop() throws Exception {
        worker.stop();
        database.withConnection(c -> c.createStatement().execute("SHUTDOWN"));
    }

    @Test
    void aNotificationThatCannotBeHandedOutIsRetriedAloneAndMarkedFailedWhileTheOthersArrive() throws Exception {
        Inbox inbox = new Inbox(database);
        // An in-database channel that chokes on one notification, as a broken row might.
        TransactionalChannel choosy = new TransactionalChannel() {
            @Override
            public boolean accepts(Notification notification) {
                return true;
            }

            @Override
            public void deliver(Delivery delivery) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void deliverAll(Connection transaction, List<Delivery> deliveries) throws SQLException {
                if (deliveries.stream().anyMatch(d -> d.notification().key().equals("poison"))) {
                    throw new SQLException("cannot store this one");
                }
                inbox.deliverAll(transaction, deliveries);
            }
        };
        // In the inbox's place: the fan-out waits for a channel of that name.
        worker.addChannel(choosy, Map.of("porchlight.channel", "inbox"));
        database.inTransaction(c -> OutboxStore.insert(c, List.of(note("a"), note("poison"), note("b"), note("c")), Instant.now()));
        worker.nudge();

        await(() -> count("SELECT COUNT(*) FROM notify.inbox_item") == 3);
        await(() -> count("SELECT COUNT(*) FROM notify.notification WHERE notify_key = 'poison' AND state = 'FAILED' AND attempts = 2") == 1);
        assertThat(count("SELECT COUNT(*) FROM notify.notification WHERE state = 'FANNED_OUT'")).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = 'poison'")).isZero();
    }

    @Test
    void nothingIsFannedOutBeforeTheInboxIsThere() throws Exception {
        database.inTransaction(c -> OutboxStore.insert(c, List.of(note("before-inbox")), Instant.now()));
        worker.nudge();
        Thread.sleep(500);
        assertThat(count("SELECT COUNT(*) FROM notify.notification WHERE state = 'PENDING'")).isEqualTo(1);

        worker.addChannel(new Inbox(database), Map.of("porchlight.channel", "inbox"));
        await(() -> count("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = 'before-inbox'") == 1);
        assertThat(count("SELECT COUNT(*) FROM notify.notification WHERE state = 'FANNED_OUT'")).isEqualTo(1);
    }

    @Test
    void aChannelThatArrivesLateGetsWhatWasHandedOutBeforeItCameAndNothingTwice() throws Exception {
        Inbox inbox = new Inbox(database);
        worker.addChannel(inbox, Map.of("porchlight.channel", "inbox"));
        database.inTransaction(c -> OutboxStore.insert(c, List.of(note("early-1"), note("early-2"), note("early-3")), Instant.now()));
        worker.nudge();
        await(() -> count("SELECT COUNT(*) FROM notify.notification WHERE state = 'FANNED_OUT'") == 3);

        // A plugin channel (say, webhooks after a restart) comes up only now: it still gets the three.
        java.util.Set<String> delivered = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        org.porchlight.api.notify.NotificationChannel late = new org.porchlight.api.notify.NotificationChannel() {
            @Override
            public boolean accepts(Notification notification) {
                return !notification.key().equals("early-2");
            }

            @Override
            public void deliver(Delivery delivery) {
                calls.incrementAndGet();
                delivered.add(delivery.notification().key());
            }
        };
        worker.addChannel(late, Map.of("porchlight.channel", "late"));
        await(() -> delivered.size() == 2);
        assertThat(delivered).containsExactlyInAnyOrder("early-1", "early-3");

        // It comes back (an update): nothing twice.
        worker.removeChannel(late, Map.of("porchlight.channel", "late"));
        worker.addChannel(late, Map.of("porchlight.channel", "late"));
        database.inTransaction(c -> OutboxStore.insert(c, List.of(note("after")), Instant.now()));
        worker.nudge();
        await(() -> delivered.contains("after"));
        Thread.sleep(500);
        assertThat(calls.get()).isEqualTo(3);
        assertThat(count("SELECT COUNT(*) FROM notify.delivery WHERE channel = 'late'")).isEqualTo(3);
    }

    private static Notification note(String key) {
        return new Notification(key, Notification.Recipient.account(UUID.randomUUID()), "t", "Title", "", Map.of());
    }

    private long count(String sql) {
        return database.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static NotificationsConfiguration config() {
        return new NotificationsConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return NotificationsConfiguration.class;
            }

            @Override
            public int pollIntervalMillis() {
                return 100;
            }

            @Override
            public int batchSize() {
                return 500;
            }

            @Override
            public int maxAttempts() {
                return 2;
            }

            @Override
            public int backoffBaseSeconds() {
                return 1;
            }

            @Override
            public int backoffMaxSeconds() {
                return 1;
            }

            @Override
            public int leaseSeconds() {
                return 5;
            }

            @Override
            public int deliveryThreads() {
                return 2;
            }

            @Override
            public int startDelaySeconds() {
                return 0;
            }

            @Override
            public int catchUpMinutes() {
                return 60;
            }

            @Override
            public int outboxKeepDays() {
                return 90;
            }

            @Override
            public int inboxKeepDays() {
                return 365;
            }
        };
    }
}
