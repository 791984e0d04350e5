package org.porchlight.requests.web.log;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.requests.PublicRequestLog;

/**
 * An agency's public request log in the portal, {@code /agencies/<code>/requests} (linked from the
 * agency's transparency page): what
 * {@code GET /api/public/agencies/{code}/requests} publishes, read from the same
 * {@link PublicRequestLog}: incident type, roughly where, dates and status, never the case.
 */
@Component(service = Page.class)
public class PublicLogPage implements Page {

    static final PageInfo INFO = new PageInfo("/agencies/*/requests", "requests.log.title", Set.of(PageInfo.PUBLIC), null, 0);
    static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;
    /** As many entries as the API gives by default. */
    static final int LIMIT = 100;

    private final PublicRequestLog log;
    private final Agencies agencies;

    @Activate
    public PublicLogPage(@Reference PublicRequestLog log, @Reference Agencies agencies) {
        this.log = log;
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw new ProblemException(NOT_FOUND, "No such page.");
        }
        String code = request.path().split("/")[2]; // /agencies/<code>/requests
        AgencyProfile agency = (code.matches(Roles.AGENCY_CODE_PATTERN) ? agencies.find(code) : Optional.<AgencyProfile>empty())
                .orElseThrow(() -> new ProblemException(NOT_FOUND, "No such agency."));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (PublicRequestLog.Entry e : log.entries(agency.code(), LIMIT, null)) {
            entries.add(entry(e));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("agency", Map.of("code", agency.code(), "name", agency.name() == null ? agency.code() : agency.name()));
        model.put("entries", entries);
        model.put("limit", LIMIT);
        model.put("api", "/api/public/agencies/" + agency.code() + "/requests");
        model.put("transparency", "/agencies/" + agency.code());
        return PageView.of("requests-log-public", model);
    }

    /** One entry as the template shows it; the area's middle is already rounded to about 1 km by the log. */
    static Map<String, Object> entry(PublicRequestLog.Entry e) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", e.id().toString());
        m.put("incidentType", e.incidentType().name());
        m.put("latitude", String.format(Locale.ROOT, "%.2f", e.area().latitude()));
        m.put("longitude", String.format(Locale.ROOT, "%.2f", e.area().longitude()));
        m.put("squareMiles", String.format(Locale.ROOT, "%.2f", e.area().squareMiles()));
        m.put("activatedOn", e.activatedOn().toString());
        if (e.endedOn() != null) {
            m.put("endedOn", e.endedOn().toString());
        }
        m.put("status", e.status().name());
        return m;
    }
}
