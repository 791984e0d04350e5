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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.UndeliverableException;
import org.porchlight.api.notify.NotificationChannel;
import org.porchlight.api.notify.NotificationSubjects;
import org.porchlight.api.security.Roles;
import org.porchlight.api.security.StaffDirectory;
import org.porchlight.notifications.inbox.Inbox;
import org.porchlight.testing.RecordingMetrics;
import org.porchlight.testing.TestDatabase;

/** The worker's loops against H2: one notification that cannot be handed out does not hold up the others. */
class DeliveryWorkerTest {

    private static final UUID SUPERVISOR = UUID.randomUUID();
    private static final UUID OFFICER = UUID.randomUUID();

    private TestDatabase database;
    private DeliveryWorker worker;
    private final SubjectLookup subjects = new SubjectLookup();
    /** What the subjects' owner says: the keys of notifications about something closed. */
    private final Set<String> closed = ConcurrentHashMap.newKeySet();
    /** Whether the staff directory (the identity bundle's) fails. */
    private final AtomicBoolean directoryDown = new AtomicBoolean();

    @BeforeEach
    void start() {
        database = TestDatabase.inMemory("notify");
        StaffDirectory staff = (agency, roles) -> directoryDown.get() ? failing() : !agency.equals("KCPD") ? List.of()
                : roles.contains(Roles.SUPERVISOR) ? List.of(SUPERVISOR) : roles.contains(Roles.OFFICER) ? List.of(OFFICER) : List.of();
        subjects.addOwner(notifications -> notifications.stream().map(n -> new NotificationSubjects.Subject(!closed.contains(n.key()),
                Set.of(OFFICER))).toList(), Map.of(NotificationSubjects.TOPICS, new String[] {"itest.*"}));
        worker = new DeliveryWorker(database, new StaffRouting(staff, subjects, Topics.of("itest.answer")), subjects, config());
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
    void failedDeliveryTriesAreCountedByChannelAndWhetherTheyAreRetried() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        worker.metrics = metrics;
        worker.addChannel(new Inbox(database), Map.of("porchlight.channel", "inbox"));
        worker.addChannel(new org.porchlight.api.notify.NotificationChannel() {
            @Override
            public boolean accepts(Notification notification) {
                return true;
            }

            @Override
            public void deliver(Delivery delivery) {
                throw new IllegalStateException("the gateway is down");
            }
        }, Map.of("porchlight.channel", "flaky"));
        database.inTransaction(c -> OutboxStore.insert(c, List.of(note("unlucky")), Instant.now()));
        worker.nudge();

        await(() -> count("SELECT COUNT(*) FROM notify.delivery WHERE channel = 'flaky' AND state = 'FAILED'") == 1);
        assertThat(metrics.count(DeliveryWorker.DELIVERY_FAILURES, "channel", "flaky", "outcome", "retried")).isEqualTo(1);
        assertThat(metrics.count(DeliveryWorker.DELIVERY_FAILURES, "channel", "flaky", "outcome", "failed")).isEqualTo(1);
    }

    @Test
    void aDeliveryTheChannelCallsUndeliverableFailsAtTheFirstTryWithItsReason() throws Exception {
        RecordingMetrics metrics = new RecordingMetrics();
        worker.metrics = metrics;
        worker.addChannel(new Inbox(database), Map.of("porchlight.channel", "inbox"));
        worker.addChannel(new org.porchlight.api.notify.NotificationChannel() {
            @Override
            public boolean accepts(Notification notification) {
                return true;
            }

            @Override
            public void deliver(Delivery delivery) throws UndeliverableException {
                throw new UndeliverableException("the webhook's address 127.0.0.1 is loopback");
            }
        }, Map.of("porchlight.channel", "refused"));
        database.inTransaction(c -> OutboxStore.insert(c, List.of(note("refused")), Instant.now()));
        worker.nudge();

        String failedAtOnce = "SELECT COUNT(*) FROM notify.delivery WHERE channel = 'refused' AND state = 'FAILED' "
                + "AND attempts = 1";
        await(() -> count(failedAtOnce) == 1);
        assertThat(count(failedAtOnce + " AND last_error LIKE '%127.0.0.1 is loopback'")).isEqualTo(1);
        assertThat(metrics.count(DeliveryWorker.DELIVERY_FAILURES, "channel", "refused", "outcome", "retried")).isZero();
    }

    /** A channel being updated, or installed on other nodes only: its deliveries wait for it and lose no tries. */
    @Test
    void aDeliveryThroughAChannelThisNodeLacksWaitsForItAndSpendsNoTry() throws Exception {
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // as stored
        UUID id = database.inTransaction(c -> {
            OutboxStore.insert(c, List.of(note("waits")), now);
            OutboxStore.Stored s = OutboxStore.claimFanOut(c, now, 1, true).get(0);
            OutboxStore.fannedOut(c, List.of(s.id()), Map.of(s.id(), List.of("sms")), List.of(), now);
            return s.id();
        });
        worker.nudge();
        Thread.sleep(1000); // ten polls, each of which would have taken a try before
        assertThat(count("SELECT COUNT(*) FROM notify.delivery WHERE channel = 'sms' AND state = 'PENDING' AND attempts = 0")).isEqualTo(1);

        Set<UUID> delivered = ConcurrentHashMap.newKeySet();
        worker.addChannel(new NotificationChannel() {
            @Override
            public boolean accepts(Notification notification) {
                return true;
            }

            @Override
            public void deliver(Delivery delivery) {
                assertThat(delivery.attempt()).isEqualTo(1);
                delivered.add(delivery.id());
            }
        }, Map.of("porchlight.channel", "sms"));
        await(() -> count("SELECT COUNT(*) FROM notify.delivery WHERE channel = 'sms' AND state = 'DELIVERED' AND attempts = 1") == 1);
        assertThat(delivered).containsExactly(OutboxStore.deliveryId(id, "sms"));
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

    @Test
    void aChannelThatArrivesLateGetsOnlyWhatIsFreshAndActionableAndTheRestIsMarkedSkippedWithTheReason() throws Exception {
        worker.addChannel(new Inbox(database), Map.of("porchlight.channel", "inbox"));
        Instant now = Instant.now();
        closed.add("about-closed");
        database.inTransaction(c -> {
            OutboxStore.insert(c, List.of(note("fresh", "itest.mail"), note("about-closed", "itest.mail"), note("no-owner", "other")), now);
            OutboxStore.insert(c, List.of(note("old", "itest.mail")), now.minus(Duration.ofMinutes(31)));
            return OutboxStore.insert(c, List.of(note("just-young-enough", "other")), now.minus(Duration.ofMinutes(29)));
        });
        worker.nudge();
        await(() -> count("SELECT COUNT(*) FROM notify.inbox_item") == 5);
        assertThat(count("SELECT COUNT(*) FROM notify.delivery")).as("no external channel yet").isZero();

        Set<String> mailed = ConcurrentHashMap.newKeySet();
        worker.addChannel(channel(mailed), Map.of("porchlight.channel", "mail"));
        await(() -> count("SELECT COUNT(*) FROM notify.delivery WHERE state IN ('DELIVERED', 'SKIPPED')") == 5);
        assertThat(mailed).containsExactlyInAnyOrder("fresh", "no-owner", "just-young-enough");
        assertThat(skipReason("old")).startsWith("too-old: created more than 30 minutes");
        assertThat(skipReason("about-closed")).startsWith("not-actionable");
        Thread.sleep(300);
        assertThat(mailed).as("a skipped delivery is final").hasSize(3);
    }

    @Test
    void aFanOutLongAfterTheEnqueueSkipsExternalChannelsButFillsTheInbox() throws Exception {
        Set<String> mailed = ConcurrentHashMap.newKeySet();
        worker.addChannel(new Inbox(database), Map.of("porchlight.channel", "inbox"));
        worker.addChannel(channel(mailed), Map.of("porchlight.channel", "mail"));
        // Enqueued before the nodes went down for an hour, handed out only now.
        database.inTransaction(c -> OutboxStore.insert(c, List.of(note("stale", "itest.mail")), Instant.now().minus(Duration.ofHours(1))));
        database.inTransaction(c -> OutboxStore.insert(c, List.of(note("recent", "itest.mail")), Instant.now()));
        worker.nudge();
        await(() -> mailed.contains("recent") && count("SELECT COUNT(*) FROM notify.inbox_item") == 2);
        assertThat(skipReason("stale")).startsWith("too-old");
        assertThat(mailed).containsExactly("recent");
    }

    @Test
    void anAnswerToTheAgencyReachesItsSupervisorsAndTheAssignedOfficerAsPeopleWithTheirCreationTime() throws Exception {
        worker.addChannel(new Inbox(database), Map.of("porchlight.channel", "inbox"));
        Instant answered = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        database.inTransaction(c -> OutboxStore.insert(c, List.of(
                new Notification("answer-1", Notification.Recipient.agency("KCPD"), "itest.answer", "An owner answered", "",
                        Map.of("pseudonym", "Neighbor 0000-0000-4821")),
                new Notification("answer-2", Notification.Recipient.agency("JCSO"), "itest.answer", "An owner answered", "", Map.of()),
                new Notification("other-1", Notification.Recipient.agency("KCPD"), "itest.other", "Not for staff", "", Map.of())),
                answered));
        worker.nudge();
        await(() -> count("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = 'answer-1'") == 2);
        assertThat(count("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = 'answer-1' AND account_id IN ('" + SUPERVISOR + "', '"
                + OFFICER + "') AND data_json LIKE '%Neighbor 0000-0000-4821%'")).isEqualTo(2);
        Thread.sleep(300);
        assertThat(count("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key <> 'answer-1'")).as("another agency's staff, "
                + "a topic not for staff").isZero();
        assertThat(count("SELECT COUNT(*) FROM notify.notification WHERE recipient LIKE 'account:%' AND created_at = TIMESTAMP WITH "
                + "TIME ZONE '" + answered.toString().replace('T', ' ').replace("Z", "+00") + "'")).isEqualTo(2);
    }

    @Test
    void aStaffDirectoryThatFailsChargesNoNotificationATryAndTheAnswerArrivesOnceItIsBack() throws Exception {
        worker.addChannel(new Inbox(database), Map.of("porchlight.channel", "inbox"));
        directoryDown.set(true);
        database.inTransaction(c -> OutboxStore.insert(c, List.of(new Notification("answer-down", Notification.Recipient.agency("KCPD"),
                "itest.answer", "An owner answered", "", Map.of())), Instant.now()));
        worker.nudge();
        Thread.sleep(500);
        assertThat(count("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = 'answer-down'")).isZero();
        assertThat(count("SELECT attempts FROM notify.notification WHERE notify_key = 'answer-down'"))
                .as("the directory's failure is not the notification's").isZero();
        directoryDown.set(false);
        await(() -> count("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = 'answer-down'") == 2);
    }

    private static List<UUID> failing() {
        throw new IllegalStateException("the staff directory is away");
    }

    private static NotificationChannel channel(Set<String> delivered) {
        return new NotificationChannel() {
            @Override
            public boolean accepts(Notification notification) {
                return true;
            }

            @Override
            public void deliver(Delivery delivery) {
                delivered.add(delivery.notification().key());
            }
        };
    }

    private String skipReason(String key) {
        return database.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT d.state, d.skip_reason FROM notify.delivery d JOIN "
                    + "notify.notification n ON n.id = d.notification_id WHERE n.notify_key = '" + key + "'")) {
                assertThat(rs.next()).as("a delivery of " + key).isTrue();
                assertThat(rs.getString(1)).isEqualTo("SKIPPED");
                return rs.getString(2);
            }
        });
    }

    private static Notification note(String key, String topic) {
        return new Notification(key, Notification.Recipient.account(UUID.randomUUID()), topic, "Title", "", Map.of());
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
            public int lateDeliveryMaxAgeMinutes() {
                return 30;
            }

            @Override
            public String[] staffTopics() {
                return new String[] {"itest.answer"};
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
