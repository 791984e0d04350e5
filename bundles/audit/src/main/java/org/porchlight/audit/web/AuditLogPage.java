package org.porchlight.audit.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.audit.AuditVerification;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.ui.FormFields;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.audit.chain.Checkpoint;
import org.porchlight.audit.store.AuditTables;
import org.porchlight.audit.store.CheckpointTables;

/**
 * {@code /audit}: the audit log for administrators, newest first, narrowed down by action, actor
 * and day, with the chain's verification ({@code /audit/verify}) and its latest checkpoints. The
 * same scope as {@code GET /api/audit}: a platform admin sees every entry (and may narrow it to
 * one agency), an agency admin only their own agency's.
 */
@Component(service = Page.class)
public class AuditLogPage implements Page {

    static final PageInfo INFO = new PageInfo("/audit", "audit.title", Set.of(Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN),
            PageInfo.GROUP_ADMIN, 90);
    static final int PAGE_SIZE = 50;
    static final int CHECKPOINTS_SHOWN = 5;
    private static final int FIELD_MAX = 200;
    private static final ZoneId UTC = ZoneId.of("UTC");

    private final Database database;
    private final AuditLog auditLog;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Agencies agencies;

    @Activate
    public AuditLogPage(@Reference Database database, @Reference AuditLog auditLog) {
        this.database = database;
        this.auditLog = auditLog;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    /** What the filter form asked for, checked; {@code errors} by field. */
    record Filter(String action, String actor, String tenant, String from, String to, Long before,
            AuditTables.Search search, Map<String, String> errors) {
    }

    @Override
    public PageView render(PageRequest request) {
        Caller caller = request.caller().orElseThrow();
        boolean platform = caller.hasRole(Roles.PLATFORM_ADMIN);
        if (!request.subPath().isEmpty() && !"verify".equals(request.subPath())) {
            return PageView.redirect(INFO.path());
        }
        ZoneId zone = platform ? UTC : zoneOf(caller.agency());
        Filter filter = filter(request, caller, zone);
        Map<String, Object> model = new HashMap<>();
        model.put("platform", platform);
        model.put("zone", zone.getId());
        model.put("action", filter.action());
        model.put("actor", filter.actor());
        model.put("tenant", filter.tenant());
        model.put("from", filter.from());
        model.put("to", filter.to());
        model.put("errors", filter.errors());
        model.put("filtered", !filter.action().isEmpty() || !filter.actor().isEmpty() || !filter.tenant().isEmpty()
                || !filter.from().isEmpty() || !filter.to().isEmpty());
        if ("verify".equals(request.subPath())) {
            AuditVerification v = auditLog.verify();
            model.put("verification", Map.of("intact", v.intact(), "entries", v.entries(),
                    "firstBroken", v.firstBroken() == null ? "" : v.firstBroken().toString(),
                    "reason", v.reason() == null ? "" : v.reason()));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<Checkpoint> checkpoints = List.of();
        if (filter.errors().isEmpty()) {
            List<AuditEntry> entries = database.withConnection(c -> AuditTables.search(c, filter.search()));
            Map<String, String> zones = new HashMap<>();
            for (AuditEntry e : entries) {
                rows.add(row(e, e.tenant() == null ? "UTC" : zones.computeIfAbsent(e.tenant(), t -> zoneOf(t).getId())));
            }
            if (entries.size() == PAGE_SIZE) {
                model.put("next", nextLink(filter, entries.get(entries.size() - 1).sequence()));
            }
            checkpoints = database.withConnection(c -> CheckpointTables.recent(c, CHECKPOINTS_SHOWN));
        }
        model.put("entries", rows);
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Checkpoint cp : checkpoints) {
            shown.add(Map.of("sequence", cp.sequence(), "at", cp.at() == null ? "" : cp.at().toString(), "keyId", cp.keyId(),
                    "hash", cp.hash().length() > 16 ? cp.hash().substring(0, 16) : cp.hash()));
        }
        model.put("checkpoints", shown);
        PageView view = PageView.of("audit-log", model);
        return filter.errors().isEmpty() ? view : view.withStatus(400);
    }

    /** The query parameters, checked; the search scoped as {@code GET /api/audit} scopes it. */
    static Filter filter(PageRequest request, Caller caller, ZoneId zone) {
        Map<String, String> errors = new LinkedHashMap<>();
        String action = field(request, "action", errors);
        String actor = field(request, "actor", errors);
        String tenant = caller.hasRole(Roles.PLATFORM_ADMIN) ? field(request, "tenant", errors) : "";
        String from = field(request, "from", errors);
        String to = field(request, "to", errors);
        Instant fromInstant = day(from, zone, "from", errors);
        Instant toInstant = day(to, zone, "to", errors);
        if (fromInstant != null && toInstant != null && !toInstant.isAfter(fromInstant) && errors.isEmpty()) {
            errors.put("to", "audit.error.order");
        }
        Long before = null;
        Optional<String> b = request.parameter("before").map(String::strip).filter(s -> !s.isEmpty());
        if (b.isPresent()) {
            try {
                before = Long.parseLong(b.get());
            } catch (NumberFormatException e) {
                before = null; // a spoiled link: the first page
            }
        }
        String scope;
        if (caller.hasRole(Roles.PLATFORM_ADMIN)) {
            scope = tenant.isEmpty() ? null : tenant.toUpperCase(Locale.ROOT);
        } else {
            scope = caller.agency().strip().toUpperCase(Locale.ROOT);
        }
        AuditTables.Search search = new AuditTables.Search(scope, action.isEmpty() ? null : action,
                actor.isEmpty() ? null : actor, fromInstant, toInstant, before, PAGE_SIZE);
        return new Filter(action, actor, tenant, from, to, before, search, errors);
    }

    private static String field(PageRequest request, String name, Map<String, String> errors) {
        String value = request.parameter(name).map(String::strip).orElse("");
        if (value.length() > FIELD_MAX) {
            errors.put(name, "audit.error.long");
        }
        return value;
    }

    /** A day (yyyy-mm-dd) as the instant it starts in {@code zone}; {@code to} takes the next day's start (the day included). */
    private static Instant day(String value, ZoneId zone, String name, Map<String, String> errors) {
        if (value.isEmpty() || errors.containsKey(name)) {
            return null;
        }
        try {
            LocalDate day = LocalDate.parse(value);
            return "to".equals(name) ? FormFields.endOf(day, zone) : FormFields.startOf(day, zone);
        } catch (DateTimeException e) {
            errors.put(name, "audit.error.date");
            return null;
        }
    }

    private static String nextLink(Filter filter, long lastShown) {
        StringBuilder link = new StringBuilder("/audit?before=").append(lastShown);
        append(link, "action", filter.action());
        append(link, "actor", filter.actor());
        append(link, "tenant", filter.tenant());
        append(link, "from", filter.from());
        append(link, "to", filter.to());
        return link.toString();
    }

    private static void append(StringBuilder link, String name, String value) {
        if (!value.isEmpty()) {
            link.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    static Map<String, Object> row(AuditEntry e, String zone) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("sequence", e.sequence());
        row.put("at", e.at() == null ? "" : e.at().toString());
        row.put("zone", zone);
        row.put("actor", nullToEmpty(e.actor()));
        row.put("tenant", nullToEmpty(e.tenant()));
        row.put("action", nullToEmpty(e.action()));
        row.put("target", nullToEmpty(e.target()));
        row.put("outcome", nullToEmpty(e.outcome()));
        row.put("requestId", nullToEmpty(e.requestId()));
        return row;
    }

    private ZoneId zoneOf(String agency) {
        Agencies known = agencies;
        if (agency == null || known == null) {
            return UTC;
        }
        try {
            return known.zone(agency);
        } catch (RuntimeException e) {
            return UTC;
        }
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
