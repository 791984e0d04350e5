package org.porchlight.incentives;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
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

    @Activate
    public IncentivesDisclosure(@Reference Database database, @Reference Programmes programmes) {
        this.database = database;
        this.programmes = programmes;
    }

    @Override
    public List<MonthlyFigures> monthly(String agencyCode, YearMonth from, YearMonth to) {
        AgencyProfile agency = programmes.agency(agencyCode);
        ZoneId zone = agency.zone();
        Timestamp start = Timestamp.from(from.atDay(1).atStartOfDay(zone).toInstant());
        Timestamp end = Timestamp.from(to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
        Map<YearMonth, Map<String, Number>> months = new TreeMap<>();
        database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT attributed_at, state FROM incentives.attribution "
                    + "WHERE agency_code = ? AND attributed_at >= ? AND attributed_at < ?")) {
                s.setString(1, agency.code());
                s.setTimestamp(2, start);
                s.setTimestamp(3, end);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        YearMonth month = YearMonth.from(rs.getTimestamp(1).toInstant().atZone(zone));
                        add(months, month, "signUpsAttributed", 1);
                        if (Attributions.PENDING.equals(rs.getString(2))) {
                            add(months, month, "signUpsPending", 1);
                        }
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT counted_at FROM incentives.attribution WHERE agency_code = ? "
                    + "AND counted_at >= ? AND counted_at < ?")) {
                s.setString(1, agency.code());
                s.setTimestamp(2, start);
                s.setTimestamp(3, end);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        add(months, YearMonth.from(rs.getTimestamp(1).toInstant().atZone(zone)), "signUpsCounted", 1);
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT e.created_at, e.kind, e.units, p.name FROM incentives.ledger_entry e "
                    + "LEFT JOIN incentives.campaign p ON p.id = e.campaign_id WHERE e.agency_code = ? AND e.created_at >= ? "
                    + "AND e.created_at < ?")) {
                s.setString(1, agency.code());
                s.setTimestamp(2, start);
                s.setTimestamp(3, end);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        YearMonth month = YearMonth.from(rs.getTimestamp(1).toInstant().atZone(zone));
                        int units = rs.getInt(3);
                        String campaign = rs.getString(4);
                        switch (rs.getString(2)) {
                            case "EARNED" -> {
                                add(months, month, "unitsEarned", units);
                                add(months, month, "unitsEarned:" + campaign, units);
                            }
                            case "REDEEMED" -> {
                                add(months, month, "unitsGivenAway", -units);
                                if (campaign != null) {
                                    add(months, month, "unitsGivenAway:" + campaign, -units);
                                }
                            }
                            default -> add(months, month, "unitsAdjusted", units);
                        }
                    }
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
