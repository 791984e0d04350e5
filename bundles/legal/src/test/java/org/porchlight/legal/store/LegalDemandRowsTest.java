package org.porchlight.legal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.legal.LegalDemand;
import org.porchlight.legal.LegalDemandKind;
import org.porchlight.legal.LegalDemandStatus;
import org.porchlight.legal.LegalDemands.Details;
import org.porchlight.legal.LegalDemands.Served;
import org.porchlight.testing.TestDatabase;

/** Legal demands' statements: scoped by agency, read with their changes in order, listed without them. */
class LegalDemandRowsTest {

    private static final Instant NOW = Instant.parse("2026-11-21T05:30:00Z");
    private static final LocalDate ISSUED = LocalDate.of(2026, 11, 2);

    private final TestDatabase database = TestDatabase.inMemory("legal");
    private final LegalDemandRows rows = new LegalDemandRows();
    private final UUID officer = UUID.randomUUID();

    @Test
    void aDemandIsReadWithEveryChangeInOrderAndOnlyAtItsAgency() {
        UUID id = insert("KCPD", LegalDemandStatus.DRAFT, details(LegalDemandKind.WARRANT, "2026-1", null));
        LocalDate served = ISSUED.plusDays(1);
        database.inTransaction(c -> {
            assertThat(rows.lock(c, "KCPD", id)).contains(LegalDemandStatus.DRAFT);
            rows.changeStatus(c, "KCPD", id, LegalDemandStatus.SERVED, ISSUED, served, served, NOW.plusSeconds(60));
            rows.recordChange(c, id, 2, LegalDemandStatus.SERVED, served, "by hand", officer, NOW.plusSeconds(60));
            return null;
        });

        LegalDemand demand = find("KCPD", id).orElseThrow();
        assertThat(demand.status()).isEqualTo(LegalDemandStatus.SERVED);
        assertThat(demand.servedOn()).isEqualTo(served);
        assertThat(demand.statusOn()).isEqualTo(served);
        assertThat(demand.updatedAt()).isEqualTo(NOW.plusSeconds(60));
        assertThat(demand.changes()).extracting(LegalDemand.Change::status, LegalDemand.Change::note)
                .containsExactly(tuple(LegalDemandStatus.DRAFT, null),
                        tuple(LegalDemandStatus.SERVED, "by hand"));
        assertThat(find("JCSO", id)).isEmpty();
        assertThat(database.<Optional<LegalDemandStatus>>inTransaction(c -> rows.lock(c, "JCSO", id))).isEmpty();
    }

    @Test
    void aDraftsDetailsAreReplaced() {
        UUID id = insert("KCPD", LegalDemandStatus.DRAFT, details(LegalDemandKind.WARRANT, "2026-1", null));

        database.inTransaction(c -> {
            rows.replaceDraft(c, "KCPD", id, details(LegalDemandKind.SUBPOENA, "2026-9", null), NOW.plusSeconds(5));
            return null;
        });

        LegalDemand demand = find("KCPD", id).orElseThrow();
        assertThat(demand.kind()).isEqualTo(LegalDemandKind.SUBPOENA);
        assertThat(demand.caseNumber()).isEqualTo("2026-9");
        assertThat(demand.updatedAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void theListFiltersNewestFirstAndTheCountsTakeDemandsServedInTheRange() {
        UUID warrant = insert("KCPD", LegalDemandStatus.SERVED, details(LegalDemandKind.WARRANT, "2026-1", ISSUED.plusDays(1)));
        UUID subpoena = insert("KCPD", LegalDemandStatus.DRAFT, details(LegalDemandKind.SUBPOENA, "2026-2", null));
        insert("JCSO", LegalDemandStatus.DRAFT, details(LegalDemandKind.SUBPOENA, "2026-2", null));

        assertThat(list(null, null, null, 10, 0)).containsExactlyInAnyOrder(warrant, subpoena);
        assertThat(list(LegalDemandStatus.SERVED, null, null, 10, 0)).containsExactly(warrant);
        assertThat(list(null, LegalDemandKind.SUBPOENA, null, 10, 0)).containsExactly(subpoena);
        assertThat(list(null, null, "2026-1", 10, 0)).containsExactly(warrant);
        assertThat(list(null, null, null, 1, 0)).hasSize(1);
        assertThat(database.<List<LegalDemand>>withConnection(c -> rows.list(c, "KCPD", null, null, null, 10, 0)))
                .allSatisfy(d -> assertThat(d.changes()).isNull());
        assertThat(database.<List<Served>>withConnection(c -> rows.servedBetween(c, "KCPD", ISSUED, ISSUED.plusDays(1))))
                .containsExactly(new Served(LegalDemandKind.WARRANT, LegalDemandStatus.SERVED, ISSUED.plusDays(1)));
        assertThat(database.<List<Served>>withConnection(c -> rows.servedBetween(c, "KCPD", ISSUED.plusDays(2),
                ISSUED.plusDays(30)))).isEmpty();
    }

    private Optional<LegalDemand> find(String agency, UUID id) {
        return database.withConnection(c -> rows.find(c, agency, id));
    }

    private List<UUID> list(LegalDemandStatus status, LegalDemandKind kind, String caseNumber, int limit, int offset) {
        return database.<List<LegalDemand>>withConnection(c -> rows.list(c, "KCPD", status, kind, caseNumber, limit, offset))
                .stream().map(LegalDemand::id).toList();
    }

    private UUID insert(String agency, LegalDemandStatus status, Details details) {
        UUID id = UUID.randomUUID();
        database.inTransaction(c -> {
            rows.insert(c, id, agency, status, details, officer, NOW);
            rows.recordChange(c, id, 1, status, details.servedOn(), null, officer, NOW);
            return null;
        });
        return id;
    }

    private static Details details(LegalDemandKind kind, String caseNumber, LocalDate servedOn) {
        return new Details(kind, caseNumber, "DOC-1", "Acme Doorbells", "front door", NOW.minusSeconds(7200),
                NOW.minusSeconds(3600), ISSUED, servedOn);
    }
}
