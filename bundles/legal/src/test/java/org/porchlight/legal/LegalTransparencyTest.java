package org.porchlight.legal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.porchlight.api.transparency.MonthlyFigures;

class LegalTransparencyTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Instant NOW = Instant.parse("2026-12-15T12:00:00Z");

    @Test
    void demandsCountInTheMonthTheyWereServedByKindAndByWhereTheyStandNow() {
        List<MonthlyFigures> months = LegalTransparency.figures(List.of(
                new LegalDemands.Served(LegalDemandKind.WARRANT, LegalDemandStatus.FULFILLED, LocalDate.of(2026, 10, 31)),
                new LegalDemands.Served(LegalDemandKind.SUBPOENA, LegalDemandStatus.REFUSED, LocalDate.of(2026, 11, 1)),
                new LegalDemands.Served(LegalDemandKind.WARRANT, LegalDemandStatus.SERVED, LocalDate.of(2026, 11, 30))),
                List.of(), CHICAGO, NOW);
        assertThat(months).extracting(MonthlyFigures::month).containsExactly(YearMonth.of(2026, 10), YearMonth.of(2026, 11));
        assertThat(months.get(1).figures()).containsEntry("demands", 2L).containsEntry("warrants", 1L).containsEntry("subpoenas", 1L)
                .containsEntry("courtOrders", 0L).containsEntry("demandsRefused", 1L).containsEntry("demandsPending", 1L);
        assertThat(months.get(1).figures().keySet()).containsExactlyElementsOf(LegalTransparency.FIGURES);
    }

    @Test
    void emergencyRequestsCountInTheAgencysMonthWithTheirReviews() {
        Instant lateNovemberInChicago = Instant.parse("2026-12-01T03:00:00Z"); // 21:00 on 30 November in Chicago
        List<MonthlyFigures> months = LegalTransparency.figures(List.of(), List.of(
                new EmergencyRequests.Counted(lateNovemberInChicago, lateNovemberInChicago.plusSeconds(86_400),
                        ReviewVerdict.NOT_JUSTIFIED, lateNovemberInChicago.plusSeconds(90_000)),
                new EmergencyRequests.Counted(Instant.parse("2026-12-10T12:00:00Z"), Instant.parse("2026-12-11T12:00:00Z"), null, null),
                new EmergencyRequests.Counted(Instant.parse("2026-12-15T06:00:00Z"), Instant.parse("2026-12-16T06:00:00Z"), null, null)),
                CHICAGO, NOW);
        assertThat(months).extracting(MonthlyFigures::month).containsExactly(YearMonth.of(2026, 11), YearMonth.of(2026, 12));
        assertThat(months.get(0).figures()).containsEntry("emergencyRequests", 1L).containsEntry("emergencyNotJustified", 1L)
                .containsEntry("emergencyReviewedLate", 1L).containsEntry("demands", 0L);
        assertThat(months.get(1).figures()).containsEntry("emergencyRequests", 2L).containsEntry("emergencyReviewOverdue", 1L)
                .containsEntry("emergencyAwaitingReview", 1L).containsEntry("emergencyJustified", 0L);
    }
}
