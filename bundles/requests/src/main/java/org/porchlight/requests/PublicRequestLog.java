package org.porchlight.requests;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.transparency.MonthlyFigures;
import org.porchlight.api.transparency.TransparencySource;

/**
 * What the public sees of an agency's footage requests: the log of activated requests (incident
 * type, roughly where, when, how it ended; never the case, the message or the exact area) and
 * the monthly figures of the transparency page. A request a supervisor delayed appears in
 * neither until its delay has passed.
 */
@Component(service = {PublicRequestLog.class, TransparencySource.class},
        property = TransparencySource.SECTION + "=requests")
public class PublicRequestLog implements TransparencySource {

    private final Database database;
    private final RequestWorkflow workflow;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public PublicRequestLog(@Reference Database database, @Reference RequestWorkflow workflow) {
        this.database = database;
        this.workflow = workflow;
    }

    /** Roughly where: the area's middle to about 1 km, and its size. */
    public record CoarseArea(double latitude, double longitude, double squareMiles) {
    }

    public record Entry(UUID id, IncidentType incidentType, CoarseArea area, LocalDate activatedOn, LocalDate endedOn, RequestState status) {
    }

    public List<Entry> entries(String agencyCode, int limit, Instant before) {
        AgencyProfile agency = workflow.agency(agencyCode);
        ZoneId zone = zone(agency);
        Instant now = clock.instant();
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, incident_type, public_latitude, public_longitude, area_square_miles, "
                    + "activated_at, ended_at, state FROM requests.footage_request WHERE agency_code = ? AND activated_at IS NOT NULL "
                    + "AND activated_at < ? AND (publish_after IS NULL OR publish_after <= ?) ORDER BY activated_at DESC LIMIT " + limit)) {
                s.setString(1, agency.code());
                s.setTimestamp(2, RequestRows.ts(before == null ? now.plusSeconds(1) : before));
                s.setTimestamp(3, RequestRows.ts(now));
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Instant ended = RequestRows.instant(rs, 7);
                        entries.add(new Entry(rs.getObject(1, UUID.class), IncidentType.valueOf(rs.getString(2)),
                                new CoarseArea(rs.getDouble(3), rs.getDouble(4), Math.round(rs.getDouble(5) * 100) / 100.0),
                                LocalDate.ofInstant(RequestRows.instant(rs, 6), zone), ended == null ? null : LocalDate.ofInstant(ended, zone),
                                RequestState.valueOf(rs.getString(8))));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public List<MonthlyFigures> monthly(String agencyCode, YearMonth from, YearMonth to) {
        AgencyProfile agency = workflow.agency(agencyCode);
        ZoneId zone = zone(agency);
        Instant start = from.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        Map<YearMonth, Month> months = new TreeMap<>();
        database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT r.id, r.activated_at, r.area_square_miles, r.window_start, r.window_end, "
                    + "d.status, COUNT(d.id), r.owners_figure, r.owners_figure_suppressed FROM requests.footage_request r "
                    + "LEFT JOIN requests.delivery d ON d.request_id = r.id "
                    + "WHERE r.agency_code = ? AND r.activated_at >= ? AND r.activated_at < ? "
                    + "AND (r.publish_after IS NULL OR r.publish_after <= ?) "
                    + "GROUP BY r.id, r.activated_at, r.area_square_miles, r.window_start, r.window_end, d.status, r.owners_figure, "
                    + "r.owners_figure_suppressed")) {
                s.setString(1, agency.code());
                s.setTimestamp(2, RequestRows.ts(start));
                s.setTimestamp(3, RequestRows.ts(end));
                s.setTimestamp(4, RequestRows.ts(now));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        Month month = months.computeIfAbsent(YearMonth.from(RequestRows.instant(rs, 2).atZone(zone)), m -> new Month());
                        month.add(rs);
                    }
                }
            }
            return null;
        });
        List<MonthlyFigures> figures = new ArrayList<>();
        months.forEach((month, m) -> figures.add(new MonthlyFigures(month, m.figures())));
        return figures;
    }

    /**
     * One month's requests, counted from rows of (request, answer status, count, owners figure).
     * Published live, so it must not say how many owners a request asked: read before and after an
     * activation, that would locate cameras as finely as the area's edges. Hence the registry's coarse
     * owners figure (cell level, withheld below its minimum) instead of the number asked, and only the
     * answers owners gave, never the pending or unanswered ones that would add up to that number.
     */
    private static final class Month {
        private final Map<UUID, double[]> requests = new LinkedHashMap<>(); // id -> {square miles, window hours}
        private final Map<UUID, Long> ownersFigures = new LinkedHashMap<>(); // id -> coarse figure, -1 if withheld
        private final Map<DeliveryStatus, Long> answers = new TreeMap<>();

        void add(ResultSet rs) throws SQLException {
            double hours = (RequestRows.instant(rs, 5).toEpochMilli() - RequestRows.instant(rs, 4).toEpochMilli()) / 3_600_000.0;
            UUID id = rs.getObject(1, UUID.class);
            requests.putIfAbsent(id, new double[] {rs.getDouble(3), hours});
            ownersFigures.putIfAbsent(id, rs.getBoolean(9) ? -1 : rs.getLong(8));
            String status = rs.getString(6);
            if (status != null) {
                answers.merge(DeliveryStatus.valueOf(status), rs.getLong(7), Long::sum);
            }
        }

        Map<String, Number> figures() {
            long shared = answers.getOrDefault(DeliveryStatus.SHARED, 0L);
            long declined = answers.getOrDefault(DeliveryStatus.DECLINED, 0L);
            long answered = shared + declined + answers.getOrDefault(DeliveryStatus.NOTHING, 0L);
            Map<String, Number> f = new LinkedHashMap<>();
            f.put("requestsMade", requests.size());
            f.put("ownersInAreas", ownersFigures.values().stream().filter(v -> v >= 0).mapToLong(Long::longValue).sum());
            f.put("ownersFiguresWithheld", ownersFigures.values().stream().filter(v -> v < 0).count());
            f.put("answered", answered);
            f.put("shared", shared);
            f.put("nothingToShare", answers.getOrDefault(DeliveryStatus.NOTHING, 0L));
            f.put("declined", declined);
            f.put("shareRate", answered == 0 ? null : round(shared / (double) answered));
            f.put("declineRate", answered == 0 ? null : round(declined / (double) answered));
            f.put("medianAreaSquareMiles", round(median(requests.values().stream().mapToDouble(r -> r[0]).toArray())));
            f.put("medianWindowHours", round(median(requests.values().stream().mapToDouble(r -> r[1]).toArray())));
            return f;
        }

        private static double median(double[] values) {
            java.util.Arrays.sort(values);
            int n = values.length;
            return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }

    private static ZoneId zone(AgencyProfile agency) {
        return agency.timeZone() == null ? ZoneId.of("UTC") : agency.timeZone();
    }
}
