package org.porchlight.legal;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.transparency.MonthlyFigures;
import org.porchlight.api.transparency.TransparencySource;

/**
 * The {@code legal} section of agencies' public transparency pages: per month, legal demands by
 * kind and by where they stand now, counted in the month they were served (drafts never served
 * are not counted); emergency requests counted in the month they were made, with their reviews.
 * Counts only: no document reference, scope, vendor, case number or person.
 */
@Component(service = TransparencySource.class, property = TransparencySource.SECTION + "=legal")
public class LegalTransparency implements TransparencySource {

    /** The figures, in the order the page shows them. */
    static final List<String> FIGURES = List.of("demands", "warrants", "subpoenas", "courtOrders", "demandsPending",
            "demandsFulfilled", "demandsPartiallyFulfilled", "demandsRefused", "demandsWithdrawn", "emergencyRequests",
            "emergencyJustified", "emergencyNotJustified", "emergencyReviewedLate", "emergencyAwaitingReview",
            "emergencyReviewOverdue");

    private final LegalRecords records;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public LegalTransparency(@Reference LegalRecords records) {
        this.records = records;
    }

    @Override
    public List<MonthlyFigures> monthly(String agencyCode, YearMonth from, YearMonth to) {
        String agency = agencyCode.toUpperCase(Locale.ROOT);
        ZoneId zone = records.zoneOf(agency);
        List<LegalDemands.Served> served = records.demands().servedBetween(agency, from.atDay(1), to.atEndOfMonth());
        List<EmergencyRequests.Counted> emergencies = records.emergencies().requestedBetween(agency,
                from.atDay(1).atStartOfDay(zone).toInstant(), to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
        return figures(served, emergencies, zone, clock.instant());
    }

    /** Counts per month, for the months with anything to count, oldest first. */
    static List<MonthlyFigures> figures(List<LegalDemands.Served> served, List<EmergencyRequests.Counted> emergencies, ZoneId zone,
            Instant now) {
        TreeMap<YearMonth, Map<String, Long>> months = new TreeMap<>();
        for (LegalDemands.Served demand : served) {
            Map<String, Long> month = months.computeIfAbsent(YearMonth.from(demand.servedOn()), m -> zeros());
            add(month, "demands");
            add(month, switch (demand.kind()) {
                case WARRANT -> "warrants";
                case SUBPOENA -> "subpoenas";
                case COURT_ORDER -> "courtOrders";
            });
            add(month, switch (demand.status()) {
                case DRAFT, SERVED -> "demandsPending"; // a served demand is never a draft again; DRAFT only for exhaustiveness
                case FULFILLED -> "demandsFulfilled";
                case PARTIALLY_FULFILLED -> "demandsPartiallyFulfilled";
                case REFUSED -> "demandsRefused";
                case WITHDRAWN -> "demandsWithdrawn";
            });
        }
        for (EmergencyRequests.Counted request : emergencies) {
            Map<String, Long> month = months.computeIfAbsent(YearMonth.from(request.requestedAt().atZone(zone)), m -> zeros());
            add(month, "emergencyRequests");
            if (request.verdict() == ReviewVerdict.JUSTIFIED) {
                add(month, "emergencyJustified");
            } else if (request.verdict() == ReviewVerdict.NOT_JUSTIFIED) {
                add(month, "emergencyNotJustified");
            }
            if (EmergencyRequest.late(request.reviewDueAt(), request.reviewedAt())) {
                add(month, "emergencyReviewedLate");
            }
            if (EmergencyRequest.overdue(request.reviewDueAt(), request.reviewedAt(), now)) {
                add(month, "emergencyReviewOverdue");
            } else if (request.reviewedAt() == null) {
                add(month, "emergencyAwaitingReview");
            }
        }
        List<MonthlyFigures> figures = new ArrayList<>();
        months.forEach((month, counts) -> figures.add(new MonthlyFigures(month, new LinkedHashMap<String, Number>(counts))));
        return figures;
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> counts = new LinkedHashMap<>();
        FIGURES.forEach(name -> counts.put(name, 0L));
        return counts;
    }

    private static void add(Map<String, Long> counts, String figure) {
        counts.merge(figure, 1L, Long::sum);
    }
}
