package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Notification.Recipient;
import org.porchlight.api.notify.NotificationChannel;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.registry.RegistryEvents;
import org.porchlight.api.store.Database;
import org.porchlight.api.store.StorageException;
import org.porchlight.itests.support.Http;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Notifications against each database: what a module enqueues in its transaction reaches every
 * inbox exactly once, or nothing if the transaction rolls back; a repeated key is skipped; a channel
 * that fails is retried with back-off until it succeeds, and marked failed after the last try;
 * residents read and mark only their own inbox; the registry's confirmation reminder becomes an
 * inbox notice. Every key and account is new to the run, since PostgreSQL keeps them.
 */
public abstract class NotificationsContract extends NotificationTestSupport {

    private static boolean configured;


    @Inject
    private EventAdmin events;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    /** Quick retries for the tests: 1 s, then 2 s; three tries. */
    @Before
    public void quickRetries() throws Exception {
        if (!configured) {
            // On PostgreSQL, earlier runs leave deliveries pending for channels that are gone (e-mail from the
            // registry's claim test): with quick retries they would keep the delivery threads from this class's.
            try (java.sql.Connection c = primaryDataSource().getConnection(); var s = c.createStatement()) {
                s.executeUpdate("DELETE FROM notify.delivery WHERE state = 'PENDING'");
            }
            quickRetries(3);
            configured = true;
        }
    }

    @Test
    public void tenThousandEnqueuedInOneTransactionReachEveryInboxExactlyOnce() throws Exception {
        String key = "itest.bulk:" + run;
        List<Notification> notifications = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            notifications.add(note(UUID.randomUUID(), key, "itest.bulk"));
        }
        Outbox outbox = service(Outbox.class, null);
        Database database = service(Database.class, null);

        long started = System.nanoTime();
        int added = database.inTransaction(c -> outbox.enqueue(c, notifications));
        long committed = System.nanoTime();
        assertEquals(10_000, added);
        long count;
        while ((count = rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = '" + key + "'")) < 10_000
                && System.nanoTime() - committed < Duration.ofSeconds(60).toNanos()) {
            Thread.sleep(10); // the count competes with the worker for the two cores: look often, not constantly
        }
        long delivered = System.nanoTime();
        // A figure for docs/benchmarks.md, not an assertion: timings depend on the machine.
        System.out.printf("%s: enqueue of 10,000 took %d ms; all 10,000 inbox items committed %d ms after the enqueue committed%n",
                getClass().getSimpleName(), (committed - started) / 1_000_000, (delivered - committed) / 1_000_000);

        assertEquals(10_000, count);
        assertEquals("one item per resident", 10_000,
                rows("SELECT COUNT(DISTINCT account_id) FROM notify.inbox_item WHERE notify_key = '" + key + "'"));
        awaitTrue("every notification fanned out", () -> rows("SELECT COUNT(*) FROM notify.notification WHERE notify_key = '" + key
                + "' AND state = 'FANNED_OUT'") == 10_000);
        assertEquals("a second enqueue of the same keys adds nothing", 0,
                (int) database.inTransaction(c -> outbox.enqueue(c, notifications.subList(0, 100))));
        Thread.sleep(1_500);
        assertEquals(10_000, rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = '" + key + "'"));
    }

    @Test
    public void aRolledBackTransactionNotifiesNobody() throws Exception {
        String key = "itest.rollback:" + run;
        Outbox outbox = service(Outbox.class, null);
        Database database = service(Database.class, null);
        try {
            database.inTransaction(c -> {
                outbox.enqueue(c, List.of(note(UUID.randomUUID(), key, "itest.rollback")));
                throw new SQLException("the change the notification announces failed");
            });
            fail("the transaction should have failed");
        } catch (StorageException expected) {
            // rolled back
        }
        Thread.sleep(1_500);
        assertEquals(0, rows("SELECT COUNT(*) FROM notify.notification WHERE notify_key = '" + key + "'"));
        assertEquals(0, rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = '" + key + "'"));
    }

    @Test
    public void enqueueingOutsideATransactionIsRefused() throws Exception {
        Outbox outbox = service(Outbox.class, null);
        Database database = service(Database.class, null);
        try {
            database.withConnection(c -> outbox.enqueue(c, List.of(note(UUID.randomUUID(), "itest.autocommit:" + run, "itest.x"))));
            fail("an enqueue in auto-commit mode could half-succeed");
        } catch (IllegalArgumentException expected) {
            assertTrue(expected.getMessage().contains("transaction"));
        }
    }

    @Test
    public void aRepeatedKeyForTheSameRecipientIsSkipped() throws Exception {
        UUID resident = UUID.randomUUID();
        String key = "itest.repeat:" + run;
        Outbox outbox = service(Outbox.class, null);
        Database database = service(Database.class, null);
        assertEquals(1, (int) database.inTransaction(c -> outbox.enqueue(c, List.of(note(resident, key, "itest.repeat")))));
        assertEquals(0, (int) database.inTransaction(c -> outbox.enqueue(c, List.of(note(resident, key, "itest.repeat")))));
        assertEquals("another recipient may have the same key", 1,
                (int) database.inTransaction(c -> outbox.enqueue(c, List.of(note(UUID.randomUUID(), key, "itest.repeat")))));
        awaitTrue("both delivered", () -> rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = '" + key + "'") == 2);
        Thread.sleep(1_500);
        assertEquals(1, rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = '" + key + "' AND account_id = '" + resident + "'"));
    }

    @Test
    public void aFailingChannelIsRetriedWithTheSameDeliveryIdUntilItSucceedsAndThenNeverAgain() throws Exception {
        List<NotificationChannel.Delivery> calls = new CopyOnWriteArrayList<>();
        ServiceRegistration<NotificationChannel> flaky = channel("itest-flaky", "itest.flaky", delivery -> {
            calls.add(delivery);
            if (calls.size() <= 2) {
                throw new IllegalStateException("the other end is down");
            }
        });
        try {
            UUID resident = UUID.randomUUID();
            String key = "itest.flaky:" + run;
            enqueue(note(resident, key, "itest.flaky"));
            awaitTrue("delivered on the third try", () -> calls.size() >= 3 && deliveryState(key, "itest-flaky").equals("DELIVERED 3"));
            assertEquals(List.of(1, 2, 3), calls.stream().map(NotificationChannel.Delivery::attempt).toList());
            assertEquals("one delivery, one id on every try", 1, calls.stream().map(NotificationChannel.Delivery::id).distinct().count());
            assertEquals(key, calls.get(0).notification().key());
            assertEquals("the inbox was not held up", 1,
                    rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = '" + key + "' AND account_id = '" + resident + "'"));
            Thread.sleep(3_000);
            assertEquals("a channel that succeeded is never called again for it", 3, calls.size());
        } finally {
            flaky.unregister();
        }
    }

    @Test
    public void aChannelThatKeepsFailingIsMarkedFailedAfterTheLastTry() throws Exception {
        List<NotificationChannel.Delivery> calls = new CopyOnWriteArrayList<>();
        ServiceRegistration<NotificationChannel> broken = channel("itest-broken", "itest.broken", delivery -> {
            calls.add(delivery);
            throw new IllegalStateException("refused, as always");
        });
        try {
            String key = "itest.broken:" + run;
            enqueue(note(UUID.randomUUID(), key, "itest.broken"));
            awaitTrue("failed after three tries", () -> deliveryState(key, "itest-broken").equals("FAILED 3"));
            assertEquals(1, rows("SELECT COUNT(*) FROM notify.delivery d JOIN notify.notification n ON n.id = d.notification_id "
                    + "WHERE n.notify_key = '" + key + "' AND d.last_error LIKE '%refused, as always' AND d.next_attempt_at IS NULL"));
            Thread.sleep(3_000);
            assertEquals(3, calls.size());
        } finally {
            broken.unregister();
        }
    }

    @Test
    public void residentsReadAndMarkOnlyTheirOwnInbox() throws Exception {
        String[] ann = residentSession("ann-" + run + "@inbox.example");
        String[] bo = residentSession("bo-" + run + "@inbox.example");
        UUID annId = UUID.fromString(http.get("/api/me", ann).json().path("id").asText());
        UUID boId = UUID.fromString(http.get("/api/me", bo).json().path("id").asText());
        for (int i = 1; i <= 3; i++) {
            enqueue(note(annId, "itest.inbox:" + run + ":" + i, "itest.inbox"));
            Thread.sleep(5);
        }
        enqueue(note(boId, "itest.inbox:" + run + ":1", "itest.inbox"), note(boId, "itest.inbox:" + run + ":2", "itest.inbox"));
        http.await("/api/me/inbox", r -> r.status() == 200 && r.json().path("unread").asInt() == 3, Duration.ofSeconds(20), ann);
        http.await("/api/me/inbox", r -> r.status() == 200 && r.json().path("unread").asInt() == 2, Duration.ofSeconds(20), bo);

        JsonNode first = http.get("/api/me/inbox?limit=2", ann).json();
        assertEquals(first.toString(), 2, first.path("items").size());
        assertEquals("newest first", "itest.inbox:" + run + ":3", first.path("items").path(0).path("key").asText());
        assertEquals("itest.inbox:" + run + ":2", first.path("items").path(1).path("key").asText());
        assertEquals("Something happened", first.path("items").path(0).path("title").asText());
        assertEquals("r-1", first.path("items").path(0).path("data").path("request").asText());
        assertFalse("unread items have no readAt", first.path("items").path(0).has("readAt"));
        JsonNode second = http.get("/api/me/inbox?limit=2&cursor=" + first.path("next").asText(), ann).json();
        assertEquals(second.toString(), 1, second.path("items").size());
        assertEquals("itest.inbox:" + run + ":1", second.path("items").path(0).path("key").asText());
        assertFalse("the last page has no next", second.has("next"));

        JsonNode bos = http.get("/api/me/inbox", bo).json();
        assertEquals(bos.toString(), 2, bos.path("items").size());
        String bosItem = bos.path("items").path(0).path("id").asText();
        String annsItem = first.path("items").path(0).path("id").asText();
        assertEquals("another's item does not exist for them", 404, http.postJson("/api/me/inbox/" + bosItem + "/read", "", ann).status());
        assertEquals(204, http.postJson("/api/me/inbox/" + annsItem + "/read", "", ann).status());
        assertEquals(204, http.postJson("/api/me/inbox/" + annsItem + "/read", "", ann).status());
        JsonNode afterRead = http.get("/api/me/inbox", ann).json();
        assertEquals(2, afterRead.path("unread").asInt());
        assertTrue(afterRead.path("items").path(0).has("readAt"));
        assertEquals(2, http.postJson("/api/me/inbox/read-all", "", ann).json().path("marked").asInt());
        assertEquals(0, http.get("/api/me/inbox", ann).json().path("unread").asInt());
        assertEquals("Bo's stay unread", 2, http.get("/api/me/inbox", bo).json().path("unread").asInt());

        assertEquals(401, http.get("/api/me/inbox").status());
        Http.Response badCursor = http.get("/api/me/inbox?cursor=abc", ann);
        assertEquals(badCursor.body(), 400, badCursor.status());
        assertEquals(400, http.get("/api/me/inbox?limit=0", ann).status());
        assertEquals(404, http.postJson("/api/me/inbox/not-an-id/read", "", ann).status());
    }

    @Test
    public void aConfirmationDueFromTheRegistryBecomesAnInboxNoticeOncePerPeriod() throws Exception {
        UUID owner = UUID.randomUUID();
        UUID registration = UUID.randomUUID();
        Event due = new Event(RegistryEvents.CONFIRMATION_DUE, Map.of(RegistryEvents.ACCOUNT, owner.toString(),
                RegistryEvents.REGISTRATION, registration.toString(), RegistryEvents.DUE, "2027-01-15T09:30:00Z"));
        events.postEvent(due);
        String key = "registry.confirmation-due:" + registration + ":2027-01-15T09:30:00Z";
        awaitTrue("the notice arrived", () -> rows("SELECT COUNT(*) FROM notify.inbox_item WHERE account_id = '" + owner + "' AND notify_key = '"
                + key + "' AND title = 'Please confirm your camera registration' AND body LIKE '%2027-01-15%'") == 1);
        events.postEvent(due);
        Thread.sleep(1_500);
        assertEquals("a repeated event notifies once", 1, rows("SELECT COUNT(*) FROM notify.inbox_item WHERE account_id = '" + owner + "'"));
    }

    @Test
    public void aResidentsAnswerReachesTheRequestsOfficerAndTheSupervisorsButNoOtherStaffAndShowsOnlyThePseudonym() throws Exception {
        String[] admin = asAdmin();
        String code = "N" + run.substring(0, 7).toUpperCase(java.util.Locale.ROOT);
        String other = "M" + run.substring(0, 7).toUpperCase(java.util.Locale.ROOT);
        agency(code, admin);
        agency(other, admin);
        String[] officer = staffSession(code, "officer-" + run + "@notify.example", "OFFICER", admin);
        String[] plainOfficer = staffSession(code, "plain-" + run + "@notify.example", "OFFICER", admin);
        String[] supervisor = staffSession(code, "sergeant-" + run + "@notify.example", "SUPERVISOR", admin);
        String[] agencyAdmin = staffSession(code, "admin-" + run + "@notify.example", "AGENCY_ADMIN", admin);
        String[] otherOfficer = staffSession(other, "officer-" + run + "@other.example", "OFFICER", admin);
        String[] otherSupervisor = staffSession(other, "sergeant-" + run + "@other.example", "SUPERVISOR", admin);
        String email = "neighbor-" + run + "@notify.example";
        String[] resident = residentSession(email);
        registerCamera(resident);

        String caseNumber = "2026-" + run;
        String request = activeRequest(code, caseNumber, officer);
        String asked = askedOf(resident, caseNumber);
        Http.Response declined = http.postJson("/api/me/requests/" + asked + "/answer", "{\"decision\":\"DECLINE\"}", resident);
        assertEquals(declined.body(), 200, declined.status());

        for (String[] told : List.of(officer, supervisor)) {
            Http.Response inbox = http.await("/api/me/inbox", r -> r.status() == 200 && r.body().contains(request),
                    Duration.ofSeconds(20), told);
            JsonNode item = null;
            for (JsonNode i : inbox.json().path("items")) {
                item = i.path("data").path("request").asText().equals(request) ? i : item;
            }
            assertEquals("footage-request.answer", item.path("topic").asText());
            assertEquals("DECLINED", item.path("data").path("answer").asText());
            assertTrue(item.toString(), item.path("data").path("pseudonym").asText().matches("Neighbor \\d{4}-\\d{4}-\\d{4}"));
            assertFalse("never the resident's address or account", item.toString().contains(email)
                    || item.toString().contains(accountOf(resident).toString()));
        }
        Thread.sleep(1_500);
        String key = "footage-answer:" + asked + ":DECLINED";
        for (String[] notTold : List.of(plainOfficer, agencyAdmin, otherOfficer, otherSupervisor)) {
            assertEquals("a plain officer not on the request, the agency admin, another agency's staff: not told", 0,
                    rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = '" + key + "' AND account_id = '"
                            + accountOf(notTold) + "'"));
        }
        assertEquals("the officer and the supervisor, once each", 2, rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = '"
                + key + "'"));
    }

    @Test
    public void anEmergencyRequestNeedingReviewReachesTheAgencysSupervisorsOnly() throws Exception {
        String[] admin = asAdmin();
        String code = "E" + run.substring(0, 7).toUpperCase(java.util.Locale.ROOT);
        agency(code, admin);
        String[] officer = staffSession(code, "officer-" + run + "@emergency.example", "OFFICER", admin);
        String[] supervisor = staffSession(code, "sergeant-" + run + "@emergency.example", "SUPERVISOR", admin);
        String[] lieutenant = staffSession(code, "lieutenant-" + run + "@emergency.example", "SUPERVISOR", admin);
        Http.Response recorded = http.postJson(LegalIT.emergencies(code), LegalIT.emergency("A child is missing and was last seen "
                + "on this block; the footage may show the car that took her.", null), officer);
        assertEquals(recorded.body(), 201, recorded.status());
        String id = recorded.json().path("id").asText();
        for (String[] told : List.of(supervisor, lieutenant)) {
            http.await("/api/me/inbox", r -> r.status() == 200 && r.body().contains("emergency-request.review-needed")
                    && r.body().contains(id), Duration.ofSeconds(20), told);
        }
        Thread.sleep(1_500);
        assertEquals("the requester, an officer, is not asked to review", 0, rows("SELECT COUNT(*) FROM notify.inbox_item WHERE "
                + "account_id = '" + accountOf(officer) + "'"));
    }

    static Notification note(UUID resident, String key, String topic) {
        return new Notification(key, Recipient.account(resident), topic, "Something happened", "Have a look.", Map.of("request", "r-1"));
    }

    interface Deliver {
        void deliver(NotificationChannel.Delivery delivery) throws Exception;
    }

    private ServiceRegistration<NotificationChannel> channel(String name, String topic, Deliver deliver) {
        Hashtable<String, Object> properties = new Hashtable<>(Map.of(NotificationChannel.NAME, name));
        return context.registerService(NotificationChannel.class, new NotificationChannel() {
            @Override
            public boolean accepts(Notification notification) {
                // This run's only: a channel that arrives catches up on the last hour, which on PostgreSQL holds earlier runs'.
                return notification.topic().equals(topic) && notification.key().endsWith(":" + run);
            }

            @Override
            public void deliver(Delivery delivery) throws Exception {
                deliver.deliver(delivery);
            }
        }, properties);
    }

    /** "STATE attempts" of the notification's delivery through {@code channel}, or "" if there is none. */
    private String deliveryState(String key, String channel) {
        try (Connection c = primaryDataSource().getConnection(); var s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT d.state, d.attempts FROM notify.delivery d JOIN notify.notification n "
                        + "ON n.id = d.notification_id WHERE n.notify_key = '" + key + "' AND d.channel = '" + channel + "'")) {
            return rs.next() ? rs.getString(1) + " " + rs.getInt(2) : "";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

}
