package org.porchlight.requests;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.porchlight.requests.store.PublicLogRows;
import org.porchlight.requests.store.PublicLogRows.AnswerRow;
import org.porchlight.requests.store.PublicLogRows.LogRow;

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
    private final PublicLogRows rows = new PublicLogRows();
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
        ZoneId zone = agency.zone();
        Instant now = clock.instant();
        Instant until = before == null ? now.plusSeconds(1) : before;
        List<LogRow> found = database.withConnection(c -> rows.entries(c, agency.code(), until, now, limit));
        List<Entry> entries = new ArrayList<>(found.size());
        for (LogRow row : found) {
            entries.add(new Entry(row.id(), row.incidentType(), new CoarseArea(row.latitude(), row.longitude(),
                    Math.round(row.squareMiles() * 100) / 100.0), LocalDate.ofInstant(row.activatedAt(), zone),
                    row.endedAt() == null ? null : LocalDate.ofInstant(row.endedAt(), zone), row.state()));
        }
        return entries;
    }

    @Override
    public List<MonthlyFigures> monthly(String agencyCode, YearMonth from, YearMonth to) {
        AgencyProfile agency = workflow.agency(agencyCode);
        ZoneId zone = agency.zone();
        Instant start = from.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        Map<YearMonth, Month> months = new TreeMap<>();
        for (AnswerRow row : database.withConnection(c -> rows.answers(c, agency.code(), start, end, now))) {
            months.computeIfAbsent(YearMonth.from(row.activatedAt().atZone(zone)), m -> new Month()).add(row);
        }
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

        void add(AnswerRow row) {
            double hours = (row.windowEnd().toEpochMilli() - row.windowStart().toEpochMilli()) / 3_600_000.0;
            requests.putIfAbsent(row.request(), new double[] {row.squareMiles(), hours});
            ownersFigures.putIfAbsent(row.request(), row.ownersFigureSuppressed() ? -1 : row.ownersFigure());
            if (row.status() != null) {
                answers.merge(row.status(), row.count(), Long::sum);
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
            Arrays.sort(values);
            int n = values.length;
            return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }
}
