package org.porchlight.requests.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.requests.store.StoreFixtures.JSON;
import static org.porchlight.requests.store.StoreFixtures.NOW;
import static org.porchlight.requests.store.StoreFixtures.draft;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.requests.FootageRequest;
import org.porchlight.requests.store.DeliveryRows.Ask;
import org.porchlight.requests.store.SubjectRows.DeliveryStanding;
import org.porchlight.requests.store.SubjectRows.RequestStanding;
import org.porchlight.testing.TestDatabase;

/** A batch of ids, in one query each: those that exist are found with where they stand, unknown ones are left out. */
class SubjectRowsTest {

    private final TestDatabase database = TestDatabase.inMemory("requests");
    private final RequestRows requests = new RequestRows(JSON);
    private final SubjectRows rows = new SubjectRows();

    @Test
    void requestsAndDeliveriesOfABatchAreFoundAndUnknownOnesLeftOut() {
        UUID officer = UUID.randomUUID();
        FootageRequest request = draft("KCPD", "2026-1", officer);
        Ask ask = new Ask(UUID.randomUUID(), UUID.randomUUID(), "a");
        database.inTransaction(c -> {
            requests.insert(c, request, 39.1, -94.58);
            new DeliveryRows(JSON).ask(c, request.id(), List.of(ask), NOW);
            return null;
        });
        UUID unknown = UUID.randomUUID();

        assertThat(database.<List<RequestStanding>>withConnection(c -> rows.requests(c, List.of(request.id(), unknown))))
                .containsExactly(new RequestStanding(request.id(), "DRAFT", request.expiresAt(), officer));
        assertThat(database.<List<DeliveryStanding>>withConnection(c -> rows.deliveries(c, List.of(unknown, ask.id()))))
                .containsExactly(new DeliveryStanding(ask.id(), "DRAFT", request.expiresAt(), "PENDING"));
        assertThat(database.<List<RequestStanding>>withConnection(c -> rows.requests(c, List.of()))).isEmpty();
        assertThat(database.<List<DeliveryStanding>>withConnection(c -> rows.deliveries(c, List.of(unknown)))).isEmpty();
    }
}
