package org.porchlight.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Notification.Recipient;
import org.porchlight.api.store.StorageException;
import org.porchlight.testing.TestDatabase;

/** The outbox's SQL against the real schema on H2 in PostgreSQL mode (the ITs run it on PostgreSQL too). */
class OutboxStoreTest {

    private final Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private TestDatabase database;

    @BeforeEach
    void schema() {
        database = TestDatabase.inMemory("notify");
    }

    @AfterEach
    void drop() {
        database.withConnection(c -> c.createStatement().execute("SHUTDOWN"));
    }

    @Test
    void skipsARepeatOfARecipientsKeyWithinOneBatchAndAcrossTransactions() {
        UUID resident = UUID.randomUUID();
        int added = database.inTransaction(c -> OutboxStore.insert(c, List.of(note(resident, "k-1"), note(resident, "k-1"),
                note(resident, "k-2"), agencyNote("KCPD", "k-1")), now));
        assertThat(added).isEqualTo(3);
        assertThat(database.<Integer>inTransaction(c -> OutboxStore.insert(c, List.of(note(resident, "k-2"), note(resident, "k-3")), now)))
                .isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM notify.notification")).isEqualTo(4);
    }

    @Test
    void theBacklogCountsWhatWaitsToBeHandedOutAndEachChannelsDeliveries() {
        database.inTransaction(c -> OutboxStore.insert(c, List.of(note(UUID.randomUUID(), "a"), note(UUID.randomUUID(), "b"),
                note(UUID.randomUUID(), "c")), now));
        assertThat(database.<Map<String, Long>>withConnection(OutboxBacklog::count)).containsExactly(Map.entry("", 3L));
        database.inTransaction(c -> {
            List<OutboxStore.Stored> batch = OutboxStore.claimFanOut(c, now, 2, true);
            OutboxStore.fannedOut(c, batch.stream().map(OutboxStore.Stored::id).toList(),
                    Map.of(batch.get(0).id(), List.of("email", "webhook"), batch.get(1).id(), List.of("email")), List.of(), now);
            return null;
        });
        assertThat(database.<Map<String, Long>>withConnection(OutboxBacklog::count))
                .containsOnly(Map.entry("", 1L), Map.entry("email", 2L), Map.entry("webhook", 1L));
    }

    @Test
    void aRolledBackEnqueueLeavesNothing() {
        assertThatThrownBy(() -> database.inTransaction(c -> {
            OutboxStore.insert(c, List.of(note(UUID.randomUUID(), "k")), now);
            throw new SQLException("the caller's change failed");
        })).isInstanceOf(StorageException.class);
        assertThat(count("SELECT COUNT(*) FROM notify.notification")).isZero();
    }

    @Test
    void fanOutClaimsDueNotificationsOnceAndAddsTheDeliveriesStillToMake() {
        database.inTransaction(c -> OutboxStore.insert(c, List.of(note(UUID.randomUUID(), "a"), note(UUID.randomUUID(), "b")), now));
        List<OutboxStore.Stored> claimed = database.inTransaction(c -> {
            List<OutboxStore.Stored> batch = OutboxStore.claimFanOut(c, now, 10, true);
            OutboxStore.fannedOut(c, batch.stream().map(OutboxStore.Stored::id).toList(),
                    Map.of(batch.get(0).id(), List.of("email", "webhook")), List.of(), now);
            return batch;
        });
        assertThat(claimed).hasSize(2);
        assertThat(claimed.get(0).notification().data()).containsEntry("request", "r-1");
        assertThat(database.<List<OutboxStore.Stored>>inTransaction(c -> OutboxStore.claimFanOut(c, now.plusSeconds(60), 10, true))).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM notify.delivery WHERE state = 'PENDING'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM notify.notification WHERE state = 'FANNED_OUT' AND due_at IS NULL")).isEqualTo(2);
    }

    @Test
    void aClaimedDeliveryIsHeldForItsLeaseAndThenTriedAgainWithTheNextAttemptNumber() {
        UUID id = fannedOutTo("email");
        List<OutboxStore.Claimed> first = claim(now);
        assertThat(first).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(OutboxStore.deliveryId(id, "email"));
            assertThat(d.attempt()).isEqualTo(1);
            assertThat(d.notification().notification().key()).isEqualTo("lease");
        });
        assertThat(claim(now.plusSeconds(10))).as("held by its lease").isEmpty();
        List<OutboxStore.Claimed> again = claim(now.plusSeconds(61));
        assertThat(again).singleElement().satisfies(d -> assertThat(d.attempt()).isEqualTo(2));

        // The first try's late result must not overwrite the second's.
        assertThat(database.<Boolean>inTransaction(c -> OutboxStore.delivered(c, first.get(0).id(), 1, now))).isFalse();
        assertThat(database.<Boolean>inTransaction(c -> OutboxStore.delivered(c, again.get(0).id(), 2, now))).isTrue();
        assertThat(claim(now.plusSeconds(3600))).as("a delivered delivery is never tried again").isEmpty();
    }

    @Test
    void aFailedTryIsDueAgainAtItsBackOffAndTheLastOneIsFinal() {
        fannedOutTo("email");
        OutboxStore.Claimed first = claim(now).get(0);
        database.inTransaction(c -> OutboxStore.failed(c, first.id(), 1, now.plusSeconds(10), "java.io.IOException: refused", now));
        assertThat(claim(now.plusSeconds(9))).isEmpty();
        OutboxStore.Claimed second = claim(now.plusSeconds(10)).get(0);
        database.inTransaction(c -> OutboxStore.failed(c, second.id(), 2, null, "java.io.IOException: refused", now));
        assertThat(claim(now.plusSeconds(100_000))).isEmpty();
        assertThat(count("SELECT COUNT(*) FROM notify.delivery WHERE state = 'FAILED' AND attempts = 2 AND last_error LIKE '%refused'"))
                .isEqualTo(1);
    }

    @Test
    void onlyDeliveriesThroughTheChannelsANodeHasAreClaimedAndOneGivenBackCostsNoTry() {
        UUID email = fannedOutTo("email");
        UUID webhook = fannedOutTo("webhook");
        List<OutboxStore.Claimed> claimed = database.inTransaction(c -> OutboxStore.claimDeliveries(c, List.of("webhook"), now,
                now.plusSeconds(60), 5, true));
        assertThat(claimed).singleElement().satisfies(d -> assertThat(d.id()).isEqualTo(OutboxStore.deliveryId(webhook, "webhook")));
        assertThat(database.<List<OutboxStore.Claimed>>inTransaction(c -> OutboxStore.claimDeliveries(c, List.of(), now,
                now.plusSeconds(60), 5, true))).as("a node without channels claims nothing").isEmpty();

        // The webhook channel went away before the delivery: given back, due at once, its try not counted.
        assertThat(database.<Boolean>inTransaction(c -> OutboxStore.released(c, claimed.get(0).id(), 1, now))).isTrue();
        assertThat(database.<Boolean>inTransaction(c -> OutboxStore.released(c, claimed.get(0).id(), 1, now)))
                .as("only the claim that holds it gives it back").isFalse();
        assertThat(claim(now)).extracting(OutboxStore.Claimed::id, OutboxStore.Claimed::attempt).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(OutboxStore.deliveryId(email, "email"), 1),
                org.assertj.core.groups.Tuple.tuple(OutboxStore.deliveryId(webhook, "webhook"), 1));
    }

    /** The PostgreSQL path (row locks), which H2 2.3 understands too: nodes claiming at once never share a delivery. */
    @Test
    void concurrentClaimsNeverTakeTheSameDelivery() throws Exception {
        for (int i = 0; i < 40; i++) {
            fannedOutTo("email");
        }
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        // A claim that skips rows another node holds may come back short or empty while due rows remain, so the
        // nodes go on until 40 claims are counted between them (more would be a duplicate) or 10 s have passed.
        AtomicInteger counted = new AtomicInteger();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<Future<List<OutboxStore.Claimed>>> claims = new ArrayList<>();
        for (int n = 0; n < 4; n++) {
            claims.add(nodes.submit(() -> {
                start.await();
                List<OutboxStore.Claimed> mine = new ArrayList<>();
                while (counted.get() < 40 && System.nanoTime() < deadline) {
                    List<OutboxStore.Claimed> batch = claim(now);
                    mine.addAll(batch);
                    counted.addAndGet(batch.size());
                }
                return mine;
            }));
        }
        start.countDown();
        List<UUID> all = new ArrayList<>();
        for (Future<List<OutboxStore.Claimed>> f : claims) {
            f.get().forEach(d -> all.add(d.id()));
        }
        nodes.shutdown();
        assertThat(all).hasSize(40).doesNotHaveDuplicates();
    }

    @Test
    void pruningKeepsWhatIsNotDoneWith() {
        UUID open = fannedOutTo("email");
        database.inTransaction(c -> OutboxStore.insert(c, List.of(note(UUID.randomUUID(), "waiting")), now));
        UUID done = fannedOutTo("email");
        OutboxStore.Claimed claimed = claim(now).stream().filter(d -> d.notification().id().equals(done)).findFirst().orElseThrow();
        database.inTransaction(c -> OutboxStore.delivered(c, claimed.id(), claimed.attempt(), now));
        assertThat(database.<Integer>inTransaction(c -> OutboxStore.prune(c, now.plusSeconds(1)))).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM notify.notification WHERE id = '" + open + "'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM notify.notification")).isEqualTo(2);
    }

    @Test
    void aDeliveryIdIsTheNameBasedUuidOfNotificationAndChannelTheSameEverywhere() {
        UUID notification = UUID.randomUUID();
        assertThat(OutboxStore.deliveryId(notification, "email")).isEqualTo(
                UUID.nameUUIDFromBytes(("porchlight-delivery:" + notification + ":email").getBytes(StandardCharsets.UTF_8)))
                .isNotEqualTo(OutboxStore.deliveryId(notification, "webhook"));
    }

    private UUID fannedOutTo(String channel) {
        return database.inTransaction(c -> {
            OutboxStore.insert(c, List.of(note(UUID.randomUUID(), "lease")), now);
            OutboxStore.Stored s = OutboxStore.claimFanOut(c, now, 1, true).get(0);
            OutboxStore.fannedOut(c, List.of(s.id()), Map.of(s.id(), List.of(channel)), List.of(), now);
            return s.id();
        });
    }

    private List<OutboxStore.Claimed> claim(Instant at) {
        return database.inTransaction(c -> OutboxStore.claimDeliveries(c, List.of("email", "webhook"), at, at.plus(Duration.ofSeconds(60)),
                5, true));
    }

    private long count(String sql) {
        return database.withConnection(c -> {
            try (ResultSet rs = c.createStatement().executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static Notification note(UUID resident, String key) {
        return new Notification(key, Recipient.account(resident), "footage-request.delivered", "A request", "Please look",
                Map.of("request", "r-1"));
    }

    static Notification agencyNote(String agency, String key) {
        return new Notification(key, Recipient.agency(agency), "footage-request.shared", "Shared", "", Map.of());
    }
}
