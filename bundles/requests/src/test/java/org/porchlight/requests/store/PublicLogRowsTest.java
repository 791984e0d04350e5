package org.porchlight.requests.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.porchlight.requests.store.StoreFixtures.JSON;
import static org.porchlight.requests.store.StoreFixtures.NOW;
import static org.porchlight.requests.store.StoreFixtures.draft;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.registry.CoarseCount;
import org.porchlight.requests.DeliveryStatus;
import org.porchlight.requests.FootageRequest;
import org.porchlight.requests.RequestState;
import org.porchlight.requests.store.DeliveryRows.Ask;
import org.porchlight.requests.store.PublicLogRows.AnswerRow;
import org.porchlight.requests.store.PublicLogRows.LogRow;
import org.porchlight.testing.TestDatabase;

/** The public sees activated requests only, none whose publication is delayed, and answers counted per status. */
class PublicLogRowsTest {

    private final TestDatabase database = TestDatabase.inMemory("requests");
    private final RequestRows requests = new RequestRows(JSON);
    private final DeliveryRows deliveries = new DeliveryRows(JSON);
    private final PublicLogRows rows = new PublicLogRows();

    @Test
    void theLogShowsActivatedUndelayedRequestsNewestFirstCoarselyPlaced() {
        FootageRequest older = activated("2026-1", NOW.minusSeconds(60));
        FootageRequest newer = activated("2026-2", NOW.minusSeconds(30));
        FootageRequest delayed = activated("2026-3", NOW.minusSeconds(10));
        save(draft("KCPD", "2026-4", UUID.randomUUID())); // never activated
        database.inTransaction(c -> {
            requests.delayPublication(c, delayed.id(), NOW.plus(Duration.ofDays(1)), "ongoing", NOW);
            return null;
        });

        List<LogRow> log = database.withConnection(c -> rows.entries(c, "KCPD", NOW.plusSeconds(1), NOW, 10));
        assertThat(log).extracting(LogRow::id).containsExactly(newer.id(), older.id());
        assertThat(log.get(0)).isEqualTo(new LogRow(newer.id(), newer.incidentType(), 39.1, -94.58, 0.1,
                NOW.minusSeconds(30), null, RequestState.ACTIVE));
        assertThat(database.<List<LogRow>>withConnection(c -> rows.entries(c, "KCPD", NOW.minusSeconds(30), NOW, 10)))
                .extracting(LogRow::id).containsExactly(older.id());
        assertThat(database.<List<LogRow>>withConnection(c -> rows.entries(c, "KCPD", NOW.plusSeconds(1), NOW, 1)))
                .hasSize(1);
        assertThat(database.<List<LogRow>>withConnection(c -> rows.entries(c, "KCPD", NOW.plusSeconds(1),
                NOW.plus(Duration.ofDays(2)), 10))).as("once the delay has passed").hasSize(3);
    }

    @Test
    void answersAreCountedPerStatusAndARequestNobodyWasAskedStillCounts() {
        FootageRequest asked = activated("2026-1", NOW.minusSeconds(60));
        FootageRequest nobody = activated("2026-2", NOW.minusSeconds(30));
        List<Ask> asks = List.of(new Ask(UUID.randomUUID(), UUID.randomUUID(), "a"),
                new Ask(UUID.randomUUID(), UUID.randomUUID(), "b"), new Ask(UUID.randomUUID(), UUID.randomUUID(), "c"));
        database.inTransaction(c -> {
            deliveries.ask(c, asked.id(), asks, NOW);
            deliveries.answer(c, asks.get(0).id(), DeliveryStatus.SHARED, NOW, null, null, null);
            deliveries.answer(c, asks.get(1).id(), DeliveryStatus.SHARED, NOW, null, null, null);
            return null;
        });

        List<AnswerRow> answers = database.withConnection(c -> rows.answers(c, "KCPD", NOW.minusSeconds(3600),
                NOW.plusSeconds(1), NOW));

        assertThat(answers).filteredOn(a -> a.request().equals(asked.id()))
                .extracting(AnswerRow::status, AnswerRow::count)
                .containsExactlyInAnyOrder(tuple(DeliveryStatus.SHARED, 2L),
                        tuple(DeliveryStatus.PENDING, 1L));
        assertThat(answers).filteredOn(a -> a.request().equals(nobody.id())).singleElement()
                .satisfies(a -> {
                    assertThat(a.status()).isNull();
                    assertThat(a.count()).isZero();
                    assertThat(a.ownersFigure()).isEqualTo(12);
                    assertThat(a.windowEnd()).isAfter(a.windowStart());
                });
        assertThat(database.<List<AnswerRow>>withConnection(c -> rows.answers(c, "KCPD", NOW, NOW.plusSeconds(1), NOW)))
                .isEmpty();
    }

    private FootageRequest activated(String caseNumber, Instant at) {
        FootageRequest request = save(draft("KCPD", caseNumber, UUID.randomUUID()));
        database.inTransaction(c -> {
            requests.activate(c, request.id(), at, 3, new CoarseCount(12, false, 5, 2));
            return null;
        });
        return request;
    }

    private FootageRequest save(FootageRequest request) {
        database.inTransaction(c -> {
            requests.insert(c, request, 39.1, -94.58);
            return null;
        });
        return request;
    }
}
