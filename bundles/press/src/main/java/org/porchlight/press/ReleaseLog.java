package org.porchlight.press;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.press.store.ReleaseRows;

/** An agency's public release log: what it published, who wrote it, who approved and published it; and how many per month. */
@Component(service = ReleaseLog.class)
public class ReleaseLog {

    private final Database database;
    private final Agencies agencies;
    private final ReleaseRows rows;

    @Activate
    public ReleaseLog(@Reference Database database, @Reference Agencies agencies, @Reference JsonCodec json) {
        this.database = database;
        this.agencies = agencies;
        this.rows = new ReleaseRows(json);
    }

    /** The agency's published releases, newest first. */
    public List<Release> releases(String agencyCode) {
        AgencyProfile agency = VendorGrants.agency(agencies, agencyCode);
        return database.withConnection(c -> rows.list(c, agency.code()));
    }

    /** Releases published per month in the agency's time zone, from {@code from} to {@code to} inclusive. */
    public Map<YearMonth, Long> publishedPerMonth(String agencyCode, YearMonth from, YearMonth to) {
        AgencyProfile agency = VendorGrants.agency(agencies, agencyCode);
        ZoneId zone = agency.zone();
        List<Instant> published = database.withConnection(c -> rows.publishedAt(c, agency.code(),
                from.atDay(1).atStartOfDay(zone).toInstant(), to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
        Map<YearMonth, Long> counts = new TreeMap<>();
        published.forEach(at -> counts.merge(YearMonth.from(at.atZone(zone)), 1L, Long::sum));
        return counts;
    }
}
