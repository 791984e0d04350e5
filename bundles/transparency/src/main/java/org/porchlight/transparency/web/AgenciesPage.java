package org.porchlight.transparency.web;

import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.transparency.MonthRange;
import org.porchlight.transparency.TransparencyConfiguration;
import org.porchlight.transparency.TransparencyPage;
import org.porchlight.transparency.TransparencyPages;

/**
 * The public agency pages: {@code /agencies} lists the installation's agencies, {@code /agencies/{code}}
 * is an agency's transparency page (the figures of {@code GET /api/public/agencies/{code}/transparency},
 * assembled by the same {@link TransparencyPages}, with charts and tables). The public request log
 * ({@code /agencies/*}{@code /requests}) and release log ({@code /agencies/*}{@code /releases}) are the
 * requests and press bundles' pages, which the shell routes there by their wildcard paths.
 */
@Component(service = Page.class, configurationPid = TransparencyConfiguration.PID)
public class AgenciesPage implements Page {

    static final PageInfo INFO = new PageInfo("/agencies", "transparency.agencies.title", Set.of(PageInfo.PUBLIC),
            PageInfo.GROUP_PUBLIC, 10);
    static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;

    private final Agencies agencies;
    private final TransparencyPages pages;
    private final TransparencyConfiguration config;
    private final Clock clock = Clock.systemUTC();
    private final RecentPages recent = new RecentPages();

    @Activate
    public AgenciesPage(@Reference Agencies agencies, @Reference TransparencyPages pages, TransparencyConfiguration config) {
        this.agencies = agencies;
        this.pages = pages;
        this.config = config;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        String sub = request.subPath();
        if (sub.isEmpty()) {
            return list();
        }
        String[] parts = sub.split("/", -1);
        AgencyProfile agency = agency(parts[0]);
        if (parts.length == 1) {
            return transparency(request, agency);
        }
        throw new ProblemException(NOT_FOUND, "No such page.");
    }

    private PageView list() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (AgencyProfile agency : agencies.all()) {
            list.add(Map.of("code", agency.code(), "name", name(agency), "link", "/agencies/" + agency.code()));
        }
        return PageView.of("transparency-agencies", Map.of("agencies", list));
    }

    private PageView transparency(PageRequest request, AgencyProfile agency) {
        ZoneId zone = agency.zone();
        YearMonth current = YearMonth.now(clock.withZone(zone));
        Optional<String> from = request.parameter("from").filter(s -> !s.isBlank());
        Optional<String> to = request.parameter("to").filter(s -> !s.isBlank());
        Map<String, String> errors = new HashMap<>();
        MonthRange range;
        try {
            range = MonthRange.of(from.orElse(null), to.orElse(null), current, config.defaultMonths(), Math.max(1, config.maxMonths()));
        } catch (ProblemException e) {
            Problem problem = e.problem();
            String field = problem.errors() == null || problem.errors().isEmpty() ? "from" : problem.errors().get(0).field();
            errors.put(field, request.text("transparency.range.invalid", Math.max(1, config.maxMonths())));
            range = MonthRange.of(null, null, current, config.defaultMonths(), Math.max(1, config.maxMonths()));
        }
        MonthRange shown = range;
        RecentPages.Key key = new RecentPages.Key(agency.code(), agency.name(), zone, range.from(), range.to(),
                request.locale(), pages.sourcesGeneration());
        Map<String, Object> model = new HashMap<>(recent.model(key, clock.instant(), Duration.ofSeconds(config.pageCacheSeconds()),
                () -> {
                    TransparencyPage page = pages.page(agency, shown, clock.instant());
                    return new RecentPages.Made(TransparencyView.model(page, request.locale(), request::text), page.complete());
                }));
        model.put("agency", Map.of("code", agency.code(), "name", name(agency)));
        model.put("zone", zone.getId());
        model.put("fromInput", from.orElse(range.from().toString()));
        model.put("toInput", to.orElse(range.to().toString()));
        model.put("errors", errors);
        model.put("requestLog", "/agencies/" + agency.code() + "/requests");
        model.put("releases", "/agencies/" + agency.code() + "/releases");
        model.put("api", "/api/public/agencies/" + agency.code() + "/transparency?from=" + range.from() + "&to=" + range.to());
        PageView view = PageView.of("transparency-agency", model);
        return errors.isEmpty() ? view : view.withStatus(400);
    }

    private AgencyProfile agency(String code) {
        return (code.matches(Roles.AGENCY_CODE_PATTERN) ? agencies.find(code) : Optional.<AgencyProfile>empty())
                .orElseThrow(() -> new ProblemException(NOT_FOUND, "No such agency."));
    }

    private static String name(AgencyProfile agency) {
        return agency.name() == null || agency.name().isBlank() ? agency.code() : agency.name();
    }
}
