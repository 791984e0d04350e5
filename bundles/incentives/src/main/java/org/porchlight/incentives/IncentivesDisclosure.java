package org.porchlight.incentives;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.transparency.MonthlyFigures;
import org.porchlight.api.transparency.TransparencySource;
import org.porchlight.incentives.store.FigureRows;
import org.porchlight.incentives.store.FigureRows.Attributed;
import org.porchlight.incentives.store.FigureRows.LedgerMove;

/**
 * The incentives section of the agency's public transparency page: per month, sign-ups
 * attributed to its codes ({@code signUpsAttributed}, by the month of the sign-up), of those the
 * ones still pending ({@code signUpsPending}: address not verified, earning nothing), sign-ups
 * counted ({@code signUpsCounted}, by the month of verification), and units earned, given away
 * and adjusted, in all and per campaign ({@code unitsEarned:<campaign>},
 * {@code unitsGivenAway:<campaign>}).
 */
@Component(property = TransparencySource.SECTION + "=incentives")
public class IncentivesDisclosure implements TransparencySource {

    private final Database database;
    private final Programmes programmes;
    private final FigureRows rows = new FigureRows();

    @Activate
    public IncentivesDisclosure(@Reference Database database, @Reference Programmes programmes) {
        this.database = database;
        this.programmes = programmes;
    }

    @Override
    public List<MonthlyFigures> monthly(String agencyCode, YearMonth from, YearMonth to) {
        AgencyProfile agency = programmes.agency(agencyCode);
        ZoneId zone = agency.zone();
        Instant start = from.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Map<YearMonth, Map<String, Number>> months = new TreeMap<>();
        database.withConnection(c -> {
            for (Attributed a : rows.attributed(c, agency.code(), start, end)) {
                YearMonth month = YearMonth.from(a.at().atZone(zone));
                add(months, month, "signUpsAttributed", 1);
                if (Attributions.PENDING.equals(a.state())) {
                    add(months, month, "signUpsPending", 1);
                }
            }
            for (Instant counted : rows.counted(c, agency.code(), start, end)) {
                add(months, YearMonth.from(counted.atZone(zone)), "signUpsCounted", 1);
            }
            for (LedgerMove e : rows.ledger(c, agency.code(), start, end)) {
                YearMonth month = YearMonth.from(e.at().atZone(zone));
                switch (e.kind()) {
                    case "EARNED" -> {
                        add(months, month, "unitsEarned", e.units());
                        add(months, month, "unitsEarned:" + e.campaign(), e.units());
                    }
                    case "REDEEMED" -> {
                        add(months, month, "unitsGivenAway", -e.units());
                        if (e.campaign() != null) {
                            add(months, month, "unitsGivenAway:" + e.campaign(), -e.units());
                        }
                    }
                    default -> add(months, month, "unitsAdjusted", e.units());
                }
            }
            return null;
        });
        List<MonthlyFigures> figures = new ArrayList<>();
        months.forEach((month, values) -> figures.add(new MonthlyFigures(month, values)));
        return figures;
    }

    private static void add(Map<YearMonth, Map<String, Number>> months, YearMonth month, String key, long value) {
        months.computeIfAbsent(month, m -> new LinkedHashMap<>()).merge(key, value, (a, b) -> a.longValue() + b.longValue());
    }
}
