package org.porchlight.legal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.testing.TestClock;
import org.porchlight.testing.TestDatabase;

/** Legal demands against the real schema on H2: the state machine, its dates, and tenant scoping. */
class LegalDemandsTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    /** 2026-11-20 23:30 in Chicago is already the 21st in UTC: "today" must be the agency's. */
    private static final Instant NOW = Instant.parse("2026-11-21T05:30:00Z");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 20);
    private static final UUID OFFICER = UUID.randomUUID();

    private TestClock clock;
    private LegalDemands demands;

    @BeforeEach
    void store() {
        clock = new TestClock(NOW);
        demands = new LegalDemands(TestDatabase.inMemory("legal"), clock, agency -> CHICAGO);
    }

    @Test
    void aDraftIsServedThenAnsweredAndEachStepIsKept() {
        LegalDemand draft = demands.create("KCPD", OFFICER, details(null, null));
        assertThat(draft.status()).isEqualTo(LegalDemandStatus.DRAFT);
        assertThat(draft.nextStatuses()).containsExactlyInAnyOrder(LegalDemandStatus.SERVED, LegalDemandStatus.WITHDRAWN);

        LegalDemand served = change(draft, LegalDemandStatus.SERVED, TODAY.minusDays(2), TODAY.minusDays(3), null);
        assertThat(served.issuedOn()).isEqualTo(TODAY.minusDays(3));
        assertThat(served.servedOn()).isEqualTo(TODAY.minusDays(2));

        LegalDemand partly = change(served, LegalDemandStatus.PARTIALLY_FULFILLED, null, null, "two of three cameras");
        assertThat(partly.statusOn()).as("today in the agency's time zone").isEqualTo(TODAY);
        LegalDemand done = change(partly, LegalDemandStatus.FULFILLED, TODAY, null, null);

        assertThat(done.changes()).extracting(LegalDemand.Change::status).containsExactly(LegalDemandStatus.DRAFT,
                LegalDemandStatus.SERVED, LegalDemandStatus.PARTIALLY_FULFILLED, LegalDemandStatus.FULFILLED);
        assertThat(done.changes().get(2).note()).isEqualTo("two of three cameras");
        assertThat(done.nextStatuses()).isEmpty();
    }

    @Test
    void anIllegalChangeIs409NamingTheCurrentStatusAndChangesNothing() {
        LegalDemand refused = demands.create("KCPD", OFFICER, details(TODAY.minusDays(5), TODAY.minusDays(4)));
        refused = change(refused, LegalDemandStatus.REFUSED, TODAY, null, "vendor refused");
        UUID id = refused.id();

        assertThatThrownBy(() -> change(demands.find("KCPD", id).orElseThrow(), LegalDemandStatus.FULFILLED, null, null, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(409);
                    assertThat(e.problem().type().toString()).isEqualTo("urn:porchlight:problem:illegal-transition");
                    assertThat(e.getMessage()).contains("is REFUSED").contains("FULFILLED").contains("final");
                });
        assertThat(demands.find("KCPD", id).orElseThrow().changes()).as("served, refused; nothing more").hasSize(2);

        LegalDemand draft = demands.create("KCPD", OFFICER, details(null, null));
        assertThatThrownBy(() -> change(draft, LegalDemandStatus.FULFILLED, null, null, null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.getMessage()).contains("is DRAFT")
                        .contains("SERVED or WITHDRAWN"));
    }

    @Test
    void datesNeverRunBackwardsNorIntoTheFuture() {
        LegalDemand served = demands.create("KCPD", OFFICER, details(TODAY.minusDays(5), TODAY.minusDays(4)));
        assertThat(served.status()).isEqualTo(LegalDemandStatus.SERVED);
        assertProblem(() -> change(served, LegalDemandStatus.FULFILLED, TODAY.minusDays(6), null, null), 400, "on");
        assertProblem(() -> change(served, LegalDemandStatus.FULFILLED, TODAY.plusDays(1), null, null), 400, "on");
        assertProblem(() -> change(served, LegalDemandStatus.FULFILLED, TODAY, TODAY, null), 400, "issuedOn");

        assertProblem(() -> demands.create("KCPD", OFFICER, details(null, TODAY)), 400, "issuedOn");
        assertProblem(() -> demands.create("KCPD", OFFICER, details(TODAY, TODAY.minusDays(1))), 400, "servedOn");
        assertProblem(() -> demands.create("KCPD", OFFICER, details(TODAY, TODAY.plusDays(1))), 400, "servedOn");

        LegalDemand draft = demands.create("KCPD", OFFICER, details(null, null));
        assertProblem(() -> change(draft, LegalDemandStatus.SERVED, TODAY, null, null), 400, "issuedOn");
        assertProblem(() -> change(draft, LegalDemandStatus.SERVED, TODAY.minusDays(1), TODAY, null), 400, "on");
    }

    @Test
    void onlyADraftCanBeCorrected() {
        LegalDemand draft = demands.create("KCPD", OFFICER, details(null, null));
        LegalDemands.Details corrected = new LegalDemands.Details(LegalDemandKind.COURT_ORDER, "2026-0042", "Docket 26-CV-99",
                "Acme Doorbells", "corrected scope", NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(1)), TODAY, null);
        assertThat(demands.replaceDraft("KCPD", draft.id(), OFFICER, corrected).orElseThrow().kind()).isEqualTo(LegalDemandKind.COURT_ORDER);

        change(draft, LegalDemandStatus.SERVED, TODAY, null, null);
        assertProblem(() -> demands.replaceDraft("KCPD", draft.id(), OFFICER, corrected), 409, null);
    }

    @Test
    void anotherAgencysDemandIsNotFound() {
        LegalDemand mine = demands.create("KCPD", OFFICER, details(null, null));
        assertThat(demands.find("JCSO", mine.id())).isEmpty();
        assertThat(demands.changeStatus("JCSO", mine.id(), OFFICER,
                new LegalDemands.StatusChange(LegalDemandStatus.WITHDRAWN, null, null, null))).isEmpty();
        assertThat(demands.list("JCSO", null, null, null, 100, 0)).isEmpty();
        assertThat(demands.list("KCPD", LegalDemandStatus.DRAFT, LegalDemandKind.WARRANT, "2026-0042", 100, 0))
                .extracting(LegalDemand::id).containsExactly(mine.id());
        assertThat(demands.find("KCPD", mine.id()).orElseThrow().status()).isEqualTo(LegalDemandStatus.DRAFT);
    }

    private LegalDemand change(LegalDemand demand, LegalDemandStatus status, LocalDate on, LocalDate issuedOn, String note) {
        return demands.changeStatus("KCPD", demand.id(), OFFICER, new LegalDemands.StatusChange(status, on, issuedOn, note)).orElseThrow();
    }

    private static LegalDemands.Details details(LocalDate issuedOn, LocalDate servedOn) {
        return new LegalDemands.Details(LegalDemandKind.WARRANT, "2026-0042", "Docket 26-CR-1234", "Acme Doorbells",
                "Footage of the 1400 block of Main St", NOW.minus(Duration.ofDays(3)), NOW.minus(Duration.ofDays(2)), issuedOn, servedOn);
    }

    static void assertProblem(Runnable call, int status, String field) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().status()).as(e.getMessage()).isEqualTo(status);
            if (field != null) {
                assertThat(e.problem().errors()).extracting(f -> f.field()).containsExactly(field);
            }
        });
    }
}
