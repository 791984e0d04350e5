package org.porchlight.requests.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.requests.store.StoreFixtures.JSON;
import static org.porchlight.requests.store.StoreFixtures.NOW;
import static org.porchlight.requests.store.StoreFixtures.draft;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CoarseCount;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.requests.RequestDraft;
import org.porchlight.requests.FootageRequest;
import org.porchlight.requests.OwnersReached;
import org.porchlight.requests.RequestState;
import org.porchlight.requests.store.RequestRows.AgencyRequest;
import org.porchlight.testing.TestDatabase;

/** A footage request's statements: saved and read back whole, moved between states only from the state it is in. */
class RequestRowsTest {

    private final TestDatabase database = TestDatabase.inMemory("requests");
    private final RequestRows rows = new RequestRows(JSON);
    private final UUID officer = UUID.randomUUID();

    @Test
    void aSavedDraftReadsBackAsItWasAndOnlyAtItsAgency() {
        FootageRequest request = save(draft("KCPD", "2026-1", officer));

        assertThat(find("KCPD", request.id())).isEqualTo(request);
        assertThat(find("OPPD", request.id())).isNull();
    }

    @Test
    void theListAndTheCountsFilterByStateCaseAndDrafter() {
        UUID sergeant = UUID.randomUUID();
        save(draft("KCPD", "2026-1", officer));
        FootageRequest second = save(draft("KCPD", "2026 - 1", sergeant)); // the same case, spelled otherwise
        save(draft("KCPD", "2026-2", officer));
        save(draft("OPPD", "2026-1", officer));

        assertThat(database.<List<FootageRequest>>withConnection(c -> rows.list(c, "KCPD", null, null, 10))).hasSize(3);
        assertThat(database.<List<FootageRequest>>withConnection(c -> rows.list(c, "KCPD", RequestState.DRAFT, "2026-1", 10)))
                .hasSize(2);
        assertThat(database.<List<FootageRequest>>withConnection(c -> rows.list(c, "KCPD", RequestState.ACTIVE, null, 10)))
                .isEmpty();
        assertThat(database.<List<FootageRequest>>withConnection(c -> rows.list(c, "KCPD", null, null, 1))).hasSize(1);
        assertThat(database.<Integer>withConnection(c -> rows.count(c, "KCPD", RequestState.DRAFT, officer, null))).isEqualTo(2);
        assertThat(database.<Integer>withConnection(c -> rows.count(c, "KCPD", RequestState.DRAFT, null, officer))).isEqualTo(1);
        assertThat(database.<Integer>withConnection(c -> rows.countForCase(c, "KCPD", "2026-1", second.id()))).isEqualTo(1);
    }

    @Test
    void aWithdrawnRequestNoLongerCountsForItsCase() {
        FootageRequest first = save(draft("KCPD", "2026-1", officer));
        database.inTransaction(c -> rows.end(c, first.id(), RequestState.DRAFT, RequestState.WITHDRAWN, NOW));

        assertThat(database.<Integer>withConnection(c -> rows.countForCase(c, "KCPD", "2026-1", UUID.randomUUID()))).isZero();
    }

    @Test
    void theRequestsSubmittedSinceAnInstantLeaveOutDraftsAndThoseWithdrawnBeforeTheyWereSent() {
        FootageRequest pending = save(draft("KCPD", "2026-1", officer));
        FootageRequest sent = save(draft("KCPD", "2026-2", officer));
        FootageRequest sentThenWithdrawn = save(draft("KCPD", "2026-3", officer));
        FootageRequest withdrawnUnsent = save(draft("KCPD", "2026-4", officer));
        save(draft("KCPD", "2026-5", officer)); // a draft
        FootageRequest elsewhere = save(draft("OPPD", "2026-1", officer));
        database.inTransaction(c -> {
            rows.holdForApproval(c, pending.id(), "large area", NOW);
            rows.activate(c, sent.id(), NOW, 1, new CoarseCount(0, true, 5, 1));
            rows.activate(c, sentThenWithdrawn.id(), NOW, 1, new CoarseCount(0, true, 5, 1));
            rows.end(c, sentThenWithdrawn.id(), RequestState.ACTIVE, RequestState.WITHDRAWN, NOW);
            rows.end(c, withdrawnUnsent.id(), RequestState.DRAFT, RequestState.WITHDRAWN, NOW);
            rows.activate(c, elsewhere.id(), NOW, 1, new CoarseCount(0, true, 5, 1));
            return null;
        });

        assertThat(database.<Integer>withConnection(c -> rows.countSubmittedSince(c, "KCPD", NOW, UUID.randomUUID())))
                .isEqualTo(3);
        assertThat(database.<Integer>withConnection(c -> rows.countSubmittedSince(c, "KCPD", NOW, pending.id())))
                .as("not the one checked").isEqualTo(2);
        assertThat(database.<Integer>withConnection(c -> rows.countSubmittedSince(c, "KCPD", NOW.plusSeconds(1),
                UUID.randomUUID()))).as("created before").isZero();
    }

    @Test
    void anUpdatedDraftKeepsItsIdAndTakesTheNewCase() {
        FootageRequest request = save(draft("KCPD", "2026-1", officer));
        RequestDraft changed = new RequestDraft("KCPD", "2026-9", IncidentType.THEFT, "bike", request.windowStart(),
                request.windowEnd(), new Circle(new GeoPoint(39.1, -94.58), 100), "Anything?", request.expiresAt());

        database.inTransaction(c -> {
            rows.lockCase(c, "KCPD", request.id());
            rows.updateDraft(c, request.id(), changed, 0.2, 39.1, -94.58, NOW.plusSeconds(60));
            return null;
        });

        FootageRequest read = find("KCPD", request.id());
        assertThat(read.caseNumber()).isEqualTo("2026-9");
        assertThat(read.incidentType()).isEqualTo(IncidentType.THEFT);
        assertThat(read.areaSquareMiles()).isEqualTo(0.2);
        assertThat(read.updatedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(database.<Integer>withConnection(c -> rows.countForCase(c, "KCPD", "2026-9", UUID.randomUUID()))).isEqualTo(1);
    }

    @Test
    void approvalRejectionAndActivationRecordWhoWhenAndTheCoarseFigure() {
        FootageRequest request = save(draft("KCPD", "2026-1", officer));
        UUID sergeant = UUID.randomUUID();

        database.inTransaction(c -> {
            rows.holdForApproval(c, request.id(), "large area", NOW);
            return null;
        });
        assertThat(find("KCPD", request.id()).state()).isEqualTo(RequestState.PENDING_APPROVAL);
        assertThat(find("KCPD", request.id()).approvalReason()).isEqualTo("large area");

        database.inTransaction(c -> {
            rows.reject(c, request.id(), sergeant, NOW.plusSeconds(1), "smaller please");
            return null;
        });
        FootageRequest rejected = find("KCPD", request.id());
        assertThat(rejected.state()).isEqualTo(RequestState.DRAFT);
        assertThat(rejected.reviewNote()).isEqualTo("smaller please");
        assertThat(rejected.reviewedBy()).isEqualTo(sergeant);

        database.inTransaction(c -> {
            rows.approve(c, request.id(), sergeant, NOW.plusSeconds(2), "fine");
            rows.activate(c, request.id(), NOW.plusSeconds(2), 7, new CoarseCount(10, false, 5, 3));
            rows.delayPublication(c, request.id(), NOW.plus(Duration.ofDays(2)), "ongoing", NOW.plusSeconds(3));
            return null;
        });
        FootageRequest active = find("KCPD", request.id());
        assertThat(active.state()).isEqualTo(RequestState.ACTIVE);
        assertThat(active.activatedAt()).isEqualTo(NOW.plusSeconds(2));
        assertThat(active.reviewNote()).isEqualTo("fine");
        assertThat(active.ownersAsked()).isEqualTo(new OwnersReached(10L, false, 5, 3));
        assertThat(active.publishAfter()).isEqualTo(NOW.plus(Duration.ofDays(2)));
        assertThat(active.publicationNote()).isEqualTo("ongoing");
    }

    @Test
    void aRequestEndsOnlyFromTheStateItIsIn() {
        FootageRequest request = save(draft("KCPD", "2026-1", officer));

        assertThat(database.<Boolean>inTransaction(c -> rows.end(c, request.id(), RequestState.ACTIVE, RequestState.CLOSED, NOW)))
                .isFalse();
        assertThat(database.<Boolean>inTransaction(c -> rows.end(c, request.id(), RequestState.DRAFT, RequestState.WITHDRAWN,
                NOW)))
                .isTrue();
        assertThat(find("KCPD", request.id()).endedAt()).isEqualTo(NOW);
    }

    @Test
    void anActiveRequestPastItsTimeIsDueAndExpiresOnce() {
        FootageRequest request = save(draft("KCPD", "2026-1", officer));
        save(draft("KCPD", "2026-2", officer)); // a draft never expires
        database.inTransaction(c -> {
            rows.activate(c, request.id(), NOW, 1, new CoarseCount(0, true, 5, 1));
            return null;
        });
        var later = request.expiresAt().plusSeconds(1);

        assertThat(database.<List<AgencyRequest>>withConnection(c -> rows.dueToExpire(c, request.expiresAt().minusSeconds(1))))
                .isEmpty();
        assertThat(database.<List<AgencyRequest>>withConnection(c -> rows.dueToExpire(c, later)))
                .containsExactly(new AgencyRequest(request.id(), "KCPD"));
        assertThat(database.<Boolean>inTransaction(c -> rows.expire(c, request.id(), later))).isTrue();
        assertThat(database.<Boolean>inTransaction(c -> rows.expire(c, request.id(), later))).as("already ended").isFalse();
        assertThat(find("KCPD", request.id()).ownersAsked()).isEqualTo(new OwnersReached(null, true, 5, 1));
    }

    @Test
    void onlyRequestsEndedBeforeTheCutoffArePurged() {
        FootageRequest old = save(draft("KCPD", "2026-1", officer));
        FootageRequest open = save(draft("KCPD", "2026-2", officer));
        database.inTransaction(c -> rows.end(c, old.id(), RequestState.DRAFT, RequestState.WITHDRAWN, NOW));
        var cutoff = NOW.plusSeconds(1);

        List<UUID> due = database.withConnection(c -> rows.dueToPurge(c, "KCPD", cutoff));
        assertThat(due).containsExactly(old.id());
        assertThat(database.<List<UUID>>withConnection(c -> rows.dueToPurge(c, "OPPD", cutoff))).isEmpty();
        assertThat(database.<Boolean>inTransaction(c -> rows.purge(c, old.id(), cutoff))).isTrue();
        assertThat(database.<Boolean>inTransaction(c -> rows.purge(c, open.id(), cutoff))).isFalse();
        assertThat(find("KCPD", old.id())).isNull();
        assertThat(find("KCPD", open.id())).isNotNull();
    }

    private FootageRequest save(FootageRequest request) {
        database.inTransaction(c -> {
            rows.insert(c, request, 39.1, -94.58);
            return null;
        });
        return request;
    }

    private FootageRequest find(String agency, UUID id) {
        return database.withConnection(c -> rows.find(c, agency, id)).orElse(null);
    }
}
