package org.porchlight.requests.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.requests.store.StoreFixtures.JSON;
import static org.porchlight.requests.store.StoreFixtures.NOW;
import static org.porchlight.requests.store.StoreFixtures.draft;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.porchlight.requests.DeliveryStatus;
import org.porchlight.requests.FootageRequest;
import org.porchlight.requests.store.DeliveryRows.Ask;
import org.porchlight.requests.store.DeliveryRows.Delivery;
import org.porchlight.requests.store.DeliveryRows.Pending;
import org.porchlight.testing.TestDatabase;

/** Deliveries: one per owner asked, each owner sees only their own, the agency only counts of answers given. */
class DeliveryRowsTest {

    private final TestDatabase database = TestDatabase.inMemory("requests");
    private final RequestRows requests = new RequestRows(JSON);
    private final DeliveryRows rows = new DeliveryRows(JSON);
    private final FootageRequest request = draft("KCPD", "2026-1", UUID.randomUUID());
    private final UUID owner = UUID.randomUUID();

    @Test
    void everyOwnerAskedIsPendingAndSeesOnlyTheirOwnDelivery() {
        Ask mine = new Ask(UUID.randomUUID(), owner, "a,b");
        List<Ask> asks = new ArrayList<>(List.of(mine));
        // More than one batch, so that the last partial batch is written too.
        IntStream.range(0, 1_001).forEach(i -> asks.add(new Ask(UUID.randomUUID(), UUID.randomUUID(), "c")));
        ask(asks);

        assertThat(database.<List<Pending>>withConnection(c -> rows.pending(c, request.id()))).hasSize(1_002)
                .contains(new Pending(mine.id(), owner));
        Delivery found = database.withConnection(c -> rows.find(c, owner, mine.id(), true)).orElseThrow();
        assertThat(found.status()).isEqualTo(DeliveryStatus.PENDING);
        assertThat(found.registrations()).isEqualTo("a,b");
        assertThat(found.caseNumber()).isEqualTo("2026-1");
        assertThat(found.holder()).isEqualTo("response:" + mine.id());
        assertThat(database.<Optional<Delivery>>withConnection(c -> rows.find(c, UUID.randomUUID(), mine.id(), false))).isEmpty();
        assertThat(database.<List<Delivery>>withConnection(c -> rows.byOwner(c, owner, 10))).containsExactly(found);
    }

    @Test
    void theAgencyCountsOnlyGivenAnswersAndSeesOnlySharedOnes() {
        Ask shared = new Ask(UUID.randomUUID(), owner, "a");
        Ask declined = new Ask(UUID.randomUUID(), UUID.randomUUID(), "b");
        Ask silent = new Ask(UUID.randomUUID(), UUID.randomUUID(), "c");
        ask(List.of(shared, declined, silent));

        database.inTransaction(c -> {
            rows.answer(c, shared.id(), DeliveryStatus.SHARED, NOW, null, "Ann", "ann@example.org");
            rows.answer(c, declined.id(), DeliveryStatus.DECLINED, NOW, "no", null, null);
            rows.noAnswer(c, request.id(), NOW.plusSeconds(5));
            return null;
        });

        Map<DeliveryStatus, Integer> counts = database.withConnection(c -> rows.answerCounts(c, request.id()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(
                Map.of(DeliveryStatus.SHARED, 1, DeliveryStatus.NOTHING, 0, DeliveryStatus.DECLINED, 1));
        assertThat(database.<List<Delivery>>withConnection(c -> rows.shared(c, "KCPD", request.id())))
                .extracting(Delivery::revealedName)
                .containsExactly("Ann");
        assertThat(database.<List<Delivery>>withConnection(c -> rows.shared(c, "OPPD", request.id()))).isEmpty();
        assertThat(database.<List<Pending>>withConnection(c -> rows.pending(c, request.id()))).isEmpty();
        assertThat(database.<Optional<Delivery>>withConnection(c -> rows.find(c, silent.owner(), silent.id(), false))
                .orElseThrow().status())
                .isEqualTo(DeliveryStatus.NO_ANSWER);
    }

    @Test
    void aForgottenOwnerKeepsTheirAnswersWithoutTheirDetails() {
        Ask answered = new Ask(UUID.randomUUID(), owner, "a");
        UUID other = UUID.randomUUID();
        ask(List.of(answered, new Ask(UUID.randomUUID(), other, "b")));
        database.inTransaction(c -> {
            rows.answer(c, answered.id(), DeliveryStatus.DECLINED, NOW, "privacy", "Ann", "ann@example.org");
            return null;
        });
        FootageRequest second = draft("KCPD", "2026-2", UUID.randomUUID());
        database.inTransaction(c -> {
            requests.insert(c, second, 39.1, -94.58);
            rows.ask(c, second.id(), List.of(new Ask(UUID.randomUUID(), owner, "a")), NOW);
            return null;
        });

        long[] forgotten = database.inTransaction(c -> rows.forget(c, owner));

        assertThat(forgotten).containsExactly(1, 1);
        Delivery kept = database.withConnection(c -> rows.byOwner(c, owner, 10)).get(0);
        assertThat(kept.status()).isEqualTo(DeliveryStatus.DECLINED);
        assertThat(kept.declineReason()).isNull();
        assertThat(kept.revealedName()).isNull();
        assertThat(kept.revealedEmail()).isNull();
        assertThat(database.<List<Delivery>>withConnection(c -> rows.byOwner(c, other, 10))).hasSize(1);
    }

    private void ask(List<Ask> asks) {
        database.inTransaction(c -> {
            requests.insert(c, request, 39.1, -94.58);
            rows.ask(c, request.id(), asks, NOW);
            return null;
        });
    }
}
