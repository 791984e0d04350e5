package org.porchlight.registry.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.FormFields;
import org.porchlight.api.ui.MapView;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageProblems;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.registry.CellCount;
import org.porchlight.registry.ImportRuns;
import org.porchlight.registry.RegistryPortal;

/**
 * The staff's registry page: coarse counts of an area drawn in the agency's jurisdiction, under the registry's privacy
 * rules, and (for supervisors and agency admins, as the import API allows) the agency's import runs with their
 * progress and rejected rows. Staff of one agency see nothing of another's.
 */
@Component(service = Page.class)
public class RegistryPage implements Page {

    static final String PATH = "/registry";
    /** Who may count: the roles of {@code POST /api/agencies/{agency}/registry/count}. */
    static final Set<String> ROLES = Set.of(Roles.OFFICER, Roles.SUPERVISOR, Roles.AGENCY_ADMIN);
    /** Who may read import reports: the agency roles of {@code /api/registry/imports}. */
    static final Set<String> IMPORT_ROLES = Set.of(Roles.SUPERVISOR, Roles.AGENCY_ADMIN);
    private static final int RUNS_SHOWN = 20;
    private static final int REJECTIONS_PER_PAGE = 200;

    private final RegistryPortal registry;
    private final Agencies agencies;

    @Activate
    public RegistryPage(@Reference RegistryPortal registry, @Reference Agencies agencies) {
        this.registry = registry;
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return new PageInfo(PATH, "registry.staff.title", ROLES, PageInfo.GROUP_WORK, 40);
    }

    @Override
    public PageView render(PageRequest request) {
        Caller caller = request.caller().orElseThrow(PageSupport::notFound);
        String sub = request.subPath();
        if (sub.isEmpty()) {
            if ("imports".equals(request.parameter("part").orElse(""))) {
                return PageView.fragment("registry-imports", imports(caller));
            }
            return page(request, caller, "", Map.of());
        }
        if (!caller.hasRole(Roles.SUPERVISOR) && !caller.hasRole(Roles.AGENCY_ADMIN)) {
            throw new ProblemException(PageSupport.FORBIDDEN, "Import reports are for supervisors and agency admins.");
        }
        String[] parts = sub.split("/");
        if (parts.length == 2 && "imports".equals(parts[0])) {
            return runs(caller, parts[1]);
        }
        if (parts.length == 3 && "imports".equals(parts[0])) {
            return run(request, caller, parts[1], parts[2]);
        }
        throw PageSupport.notFound();
    }

    /** A count: answered on the page itself (nothing is stored to redirect to), or the rule that refuses it. */
    @Override
    public Optional<PageView> submit(PageRequest request) {
        Caller caller = request.caller().orElseThrow(PageSupport::notFound);
        if (!request.subPath().isEmpty()) {
            throw PageSupport.notFound();
        }
        String text = request.parameter("area").orElse("");
        Optional<Polygon> area = MapView.parseArea(text);
        if (area.isEmpty()) {
            return Optional.of(page(request, caller, text, Map.of("areaError", "registry.staff.count.badArea")).withStatus(422));
        }
        CellCount count;
        try {
            count = registry.count(caller.agency(), area.get(), caller.account());
        } catch (ProblemException e) {
            Optional<String> refusal = refusal(e);
            if (refusal.isEmpty()) {
                throw e;
            }
            Map<String, Object> result = new HashMap<>();
            result.put("refusal", refusal.get());
            result.put("retryAfter", e.headers().getOrDefault("Retry-After", ""));
            return Optional.of(page(request, caller, text, result).withStatus(e.problem().status()));
        }
        Map<String, Object> result = new HashMap<>();
        result.put("suppressed", count.suppressed());
        result.put("cameras", count.cameras() == null ? 0 : count.cameras());
        result.put("minimumOwners", count.minimumOwners());
        result.put("cellMeters", count.cellMeters());
        result.put("cellCount", count.cells().size());
        result.put("counted", true);
        List<Polygon> cells = new ArrayList<>();
        for (CellCount.CountedCell c : count.cells()) {
            cells.add(new Polygon(List.of(new GeoPoint(c.south(), c.west()), new GeoPoint(c.south(), c.east()),
                    new GeoPoint(c.north(), c.east()), new GeoPoint(c.north(), c.west()))));
        }
        return Optional.of(page(request, caller, text, result, cells));
    }

    /** The message key of a refusal that is the asker's to fix, or empty for anything else. */
    static Optional<String> refusal(ProblemException e) {
        for (String name : List.of("area-too-small", "area-too-large", "outside-jurisdiction", "too-many-attempts")) {
            if (PageProblems.is(e, name)) {
                return Optional.of("registry.staff.count.refused." + name);
            }
        }
        return Optional.empty();
    }

    private PageView page(PageRequest request, Caller caller, String areaText, Map<String, Object> result) {
        return page(request, caller, areaText, result, List.of());
    }

    private PageView page(PageRequest request, Caller caller, String areaText, Map<String, Object> result,
            List<Polygon> counted) {
        Optional<AgencyProfile> agency = agencies.find(caller.agency());
        MapView map = agency.map(a -> MapView.of(a.jurisdiction())).orElse(MapView.empty()).drawArea("area");
        for (Polygon cell : counted) {
            map.area(cell, request.text("registry.staff.count.cellLabel"));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("map", map.json());
        model.put("area", areaText);
        model.put("agencyName", agency.map(AgencyProfile::name).orElse(caller.agency()));
        model.put("result", result);
        model.put("showImports", IMPORT_ROLES.contains(caller.role()));
        model.putAll(IMPORT_ROLES.contains(caller.role()) ? imports(caller) : Map.of("sources", List.of(), "running", false,
                "zone", "UTC"));
        return PageView.of("registry-staff", model);
    }

    private Map<String, Object> imports(Caller caller) {
        if (!IMPORT_ROLES.contains(caller.role())) {
            throw new ProblemException(PageSupport.FORBIDDEN, "Import reports are for supervisors and agency admins.");
        }
        List<Map<String, Object>> sources = new ArrayList<>();
        boolean running = false;
        for (ImportRuns.Source s : registry.sources(caller.agency())) {
            Map<String, Object> source = new HashMap<>();
            source.put("source", s.source());
            source.put("available", s.available());
            source.put("lastCheckedAt", PageSupport.iso(s.lastCheckedAt()));
            source.put("hasRun", s.latestRun() != null);
            if (s.latestRun() != null) {
                source.put("run", run(s.latestRun()));
                running |= s.latestRun().status() == ImportRuns.Status.RUNNING;
            }
            sources.add(source);
        }
        return Map.of("sources", sources, "running", running, "zone", agencies.zone(caller.agency()).getId());
    }

    private PageView runs(Caller caller, String source) {
        List<ImportRuns.Run> runs = registry.runs(caller.agency(), source, RUNS_SHOWN).orElseThrow(PageSupport::notFound);
        List<Map<String, Object>> shown = new ArrayList<>();
        for (ImportRuns.Run r : runs) {
            shown.add(run(r));
        }
        return PageView.of("registry-runs", Map.of("source", source, "runs", shown,
                "zone", agencies.zone(caller.agency()).getId()));
    }

    private PageView run(PageRequest request, Caller caller, String source, String runId) {
        UUID id;
        try {
            id = UUID.fromString(runId);
        } catch (IllegalArgumentException e) {
            throw PageSupport.notFound();
        }
        int offset = request.parameter("offset").flatMap(FormFields::integer).map(n -> Math.max(0, n)).orElse(0);
        ImportRuns.Run run = registry.run(caller.agency(), source, id, offset, REJECTIONS_PER_PAGE)
                .orElseThrow(PageSupport::notFound);
        Map<String, Object> model = new HashMap<>(run(run));
        model.put("zone", agencies.zone(caller.agency()).getId());
        if ("progress".equals(request.parameter("part").orElse(""))) {
            return PageView.fragment("registry-progress", model);
        }
        List<Map<String, Object>> rejections = new ArrayList<>();
        for (ImportRuns.Rejection r : run.rejections()) {
            rejections.add(Map.of("line", r.line(), "column", r.column() == null ? "" : r.column(),
                    "reason", r.reason() == null ? "" : r.reason()));
        }
        model.put("rejections", rejections);
        model.put("offset", offset);
        model.put("previous", offset > 0 ? Math.max(0, offset - REJECTIONS_PER_PAGE) : -1);
        model.put("next", rejections.size() == REJECTIONS_PER_PAGE ? offset + REJECTIONS_PER_PAGE : -1);
        return PageView.of("registry-run", model);
    }

    private static Map<String, Object> run(ImportRuns.Run r) {
        Map<String, Object> run = new HashMap<>();
        run.put("id", r.id().toString());
        run.put("source", r.source());
        run.put("status", r.status().name());
        run.put("running", r.status() == ImportRuns.Status.RUNNING);
        run.put("failed", r.status() == ImportRuns.Status.FAILED || r.status() == ImportRuns.Status.INTERRUPTED);
        run.put("full", r.fullImport());
        run.put("received", r.received());
        run.put("created", r.created());
        run.put("updated", r.updated());
        run.put("unchanged", r.unchanged());
        run.put("withdrawn", r.withdrawn());
        run.put("rejected", r.rejected());
        run.put("error", r.error() == null ? "" : r.error());
        run.put("startedAt", PageSupport.iso(r.startedAt()));
        run.put("finishedAt", PageSupport.iso(r.finishedAt()));
        run.put("attempts", r.attempts());
        return run;
    }
}
