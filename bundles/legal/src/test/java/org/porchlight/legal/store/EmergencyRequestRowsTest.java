package org.porchlight.legal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.legal.EmergencyRequest;
import org.porchlight.legal.EmergencyRequests.Counted;
import org.porchlight.legal.EmergencyRequests.Details;
import org.porchlight.legal.EmergencyRequests.Overdue;
import org.porchlight.legal.ReviewVerdict;
import org.porchlight.legal.store.EmergencyRequestRows.Locked;
import org.porchlight.testing.TestDatabase;

/** Emergency requests' statements: scoped by agency, filtered by review, overdue as of the time asked, told once. */
class EmergencyRequestRowsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T05:30:00Z");

    private final TestDatabase database = TestDatabase.inMemory("legal");
    private final EmergencyRequestRows rows = new EmergencyRequestRows();
    private final UUID officer = UUID.randomUUID();

    @Test
    void aRequestIsFoundAtItsAgencyOnlyAndOverdueOnlyAfterItsDueTime() {
        UUID id = insert("KCPD", NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(22)));

        EmergencyRequest found = database.<Optional<EmergencyRequest>>withConnection(c -> rows.find(c, "KCPD", id, NOW))
                .orElseThrow();
        assertThat(found.vendor()).isEqualTo("Acme Doorbells");
        assertThat(found.justification()).isEqualTo("urgent");
        assertThat(found.requestedBy()).isEqualTo(officer);
        assertThat(found.reviewOverdue()).isFalse();
        assertThat(found.review()).isNull();
        assertThat(database.<Optional<EmergencyRequest>>withConnection(c -> rows.find(c, "JCSO", id, NOW))).isEmpty();
        Instant later = NOW.plus(Duration.ofHours(23));
        assertThat(database.<Optional<EmergencyRequest>>withConnection(c -> rows.find(c, "KCPD", id, later)).orElseThrow()
                .reviewOverdue()).isTrue();
        assertThat(database.<Long>withConnection(c -> rows.overdueCount(c, "KCPD", NOW))).isZero();
        assertThat(database.<Long>withConnection(c -> rows.overdueCount(c, "KCPD", later))).isEqualTo(1);
    }

    @Test
    void theListFiltersByReviewAndOverdueNewestFirst() {
        UUID older = insert("KCPD", NOW.minus(Duration.ofHours(30)), NOW.minus(Duration.ofHours(6)));
        UUID newer = insert("KCPD", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(23)));
        UUID reviewed = insert("KCPD", NOW.minus(Duration.ofHours(2)), NOW.plus(Duration.ofHours(22)));
        insert("JCSO", NOW, NOW.plus(Duration.ofHours(24)));
        UUID supervisor = UUID.randomUUID();
        database.inTransaction(c -> {
            assertThat(rows.lock(c, "KCPD", reviewed)).contains(new Locked(officer, null));
            rows.review(c, "KCPD", reviewed, ReviewVerdict.JUSTIFIED, "fine", supervisor, NOW);
            return null;
        });

        assertThat(list(null, false, 10, 0)).containsExactly(newer, reviewed, older);
        assertThat(list(true, false, 10, 0)).containsExactly(reviewed);
        assertThat(list(false, false, 10, 0)).containsExactly(newer, older);
        assertThat(list(null, true, 10, 0)).containsExactly(older);
        assertThat(list(null, false, 1, 1)).containsExactly(reviewed);
        EmergencyRequest review = database.<Optional<EmergencyRequest>>withConnection(c -> rows.find(c, "KCPD", reviewed, NOW))
                .orElseThrow();
        assertThat(review.review())
                .isEqualTo(new EmergencyRequest.Review(ReviewVerdict.JUSTIFIED, "fine", supervisor, NOW, false));
        assertThat(database.<Optional<Locked>>inTransaction(c -> rows.lock(c, "KCPD", reviewed)))
                .contains(new Locked(officer, "JUSTIFIED"));
        assertThat(database.<Optional<Locked>>inTransaction(c -> rows.lock(c, "JCSO", reviewed))).isEmpty();
    }

    @Test
    void anOverdueReviewIsToldOnceAndNeverOnceReviewed() {
        Instant due = NOW.minus(Duration.ofHours(1));
        UUID id = insert("KCPD", NOW.minus(Duration.ofHours(25)), due);
        insert("KCPD", NOW, NOW.plus(Duration.ofHours(24)));

        assertThat(database.<List<Overdue>>withConnection(c -> rows.overdueUnnotified(c, NOW, 10)))
                .containsExactly(new Overdue(id, "KCPD", "Acme Doorbells", NOW.minus(Duration.ofHours(25)), due));
        assertThat(database.<Boolean>inTransaction(c -> rows.markOverdueNotified(c, id, NOW))).isTrue();
        assertThat(database.<Boolean>inTransaction(c -> rows.markOverdueNotified(c, id, NOW))).isFalse();
        assertThat(database.<List<Overdue>>withConnection(c -> rows.overdueUnnotified(c, NOW, 10))).isEmpty();
    }

    @Test
    void theSubjectsAreTheUnreviewedAmongTheIdsAndTheCountsThoseMadeInTheRange() {
        UUID open = insert("KCPD", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(23)));
        UUID reviewed = insert("KCPD", NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(39)));
        database.inTransaction(c -> {
            rows.review(c, "KCPD", reviewed, ReviewVerdict.NOT_JUSTIFIED, "no emergency", UUID.randomUUID(), NOW);
            return null;
        });

        assertThat(database.<List<UUID>>withConnection(c -> rows.unreviewed(c, List.of(open, reviewed, UUID.randomUUID()))))
                .containsExactly(open);
        assertThat(database.<List<UUID>>withConnection(c -> rows.unreviewed(c, List.of()))).isEmpty();
        assertThat(database.<List<Counted>>withConnection(c -> rows.requestedBetween(c, "KCPD", NOW.minus(Duration.ofDays(41)),
                NOW.minus(Duration.ofDays(30))))).containsExactly(new Counted(NOW.minus(Duration.ofDays(40)),
                        NOW.minus(Duration.ofDays(39)), ReviewVerdict.NOT_JUSTIFIED, NOW));
        assertThat(database.<List<Counted>>withConnection(c -> rows.requestedBetween(c, "KCPD", NOW.minus(Duration.ofHours(1)),
                NOW))).extracting(Counted::verdict).containsExactly((ReviewVerdict) null);
    }

    private List<UUID> list(Boolean reviewed, boolean overdue, int limit, int offset) {
        return database.<List<EmergencyRequest>>withConnection(c -> rows.list(c, "KCPD", reviewed, overdue, limit, offset, NOW))
                .stream().map(EmergencyRequest::id).toList();
    }

    private UUID insert(String agency, Instant requestedAt, Instant dueAt) {
        UUID id = UUID.randomUUID();
        Details details = new Details("Acme Doorbells", "2026-1", "front door", "  urgent ", NOW.minus(Duration.ofHours(3)),
                NOW.minus(Duration.ofHours(2)), requestedAt);
        database.inTransaction(c -> {
            rows.insert(c, id, agency, officer, details, requestedAt, NOW, dueAt);
            return null;
        });
        return id;
    }
}
