package org.porchlight.press;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.press.ReleaseKind;
import org.porchlight.api.press.TemplateCheck;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.press.ReleaseState.Move;

/**
 * Templates, their immutable versions, the approval workflow and the public release log.
 * Authors are the agency's PIO and vendor accounts the agency granted (a vendor sees only the
 * templates it started); only the agency's PIO or admin approve, reject and publish.
 */
@Component(service = PressTemplates.class, configurationPid = PressConfiguration.PID)
@Designate(ocd = PressConfiguration.class)
public class PressTemplates {

    static final ProblemType NOT_FOUND = ProblemType.named("not-found", "Not found", 404);
    static final ProblemType WRONG_STATE = ProblemType.named("release-state", "Not allowed in the template's state", 409);
    static final ProblemType CHECKS_FAILED = ProblemType.named("release-checks-failed", "Release checks failed", 422);
    static final ProblemType INVALID = ProblemType.named("invalid-template", "Invalid template", 422);
    private static final Pattern CHECK_NAME = Pattern.compile("[a-z0-9-]{1,40}");
    private static final Set<String> BUILT_IN = Set.of(BuiltInChecks.PLACEHOLDERS, BuiltInChecks.LENGTH, BuiltInChecks.DISCLOSURE);

    private final Database database;
    private final Agencies agencies;
    private final Accounts accounts;
    private final JsonCodec json;
    private volatile StrictRenderer renderer;
    private final Map<String, TemplateCheck> checks = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();
    private volatile Map<String, Integer> networkLimits;
    private volatile PressConfiguration config;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile IncentiveFigures figures;

    @Activate
    public PressTemplates(@Reference Database database, @Reference Agencies agencies, @Reference Accounts accounts,
            @Reference JsonCodec json, PressConfiguration config) {
        this.database = database;
        this.agencies = agencies;
        this.accounts = accounts;
        this.json = json;
        modified(config);
    }

    @Modified
    void modified(PressConfiguration changed) {
        this.networkLimits = parseLimits(changed.networkLimits());
        this.renderer = new StrictRenderer(new RenderingLimits(changed.renderMaxChars(), Duration.ofMillis(changed.renderTimeoutMillis())));
        this.config = changed;
    }

    static Map<String, Integer> parseLimits(String[] entries) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        // etc/*.cfg has no arrays: one comma-separated value arrives as a single element.
        for (String entry : String.join(",", entries).split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                limits.put(entry.substring(0, eq).strip().toLowerCase(Locale.ROOT), Integer.parseInt(entry.substring(eq + 1).strip()));
            }
        }
        return Map.copyOf(limits);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addCheck(TemplateCheck check, Map<String, Object> properties) {
        if (properties.get(TemplateCheck.NAME) instanceof String name && CHECK_NAME.matcher(name).matches() && !BUILT_IN.contains(name)) {
            checks.put(name, check);
        }
    }

    void removeCheck(TemplateCheck check, Map<String, Object> properties) {
        if (properties.get(TemplateCheck.NAME) instanceof String name) {
            checks.remove(name, check);
        }
    }

    // ---- views ----

    public record NewTemplate(ReleaseKind kind, String network, String locale, String title, String body,
            List<Placeholder> placeholders, Map<String, String> values) {
    }

    public record Edit(String title, String body, List<Placeholder> placeholders, Map<String, String> values) {
    }

    /** Who wrote or approved something: staff by role only, vendors by role and the name the agency granted them under. */
    public record Author(String role, String vendor) {
    }

    public record Template(UUID id, String agency, ReleaseKind kind, String network, String locale, ReleaseState state, int version,
            String title, String body, List<Placeholder> placeholders, Map<String, String> values, String rejectReason,
            Integer approvedVersion, String approvedBy, Instant approvedAt, List<String> checksPassed, Instant createdAt) {
    }

    public record Version(int version, String title, String body, List<Placeholder> placeholders, Map<String, String> values,
            Author author, Instant createdAt) {
    }

    public record Rendering(int version, String title, String text, String titleHtml, String html, Map<String, String> values) {
    }

    public record Diff(int from, int to, List<String> unified) {
    }

    public record Release(UUID id, UUID template, int version, ReleaseKind kind, String network, String locale, String title,
            String text, String html, Author author, List<Author> contributors, String approvedBy, Instant approvedAt,
            String publishedBy, Instant publishedAt, List<String> checksPassed) {
    }

    public record VendorGrant(UUID vendor, String name, Instant grantedAt) {
    }

    // ---- authoring ----

    public Template create(Caller caller, String agencyCode, NewTemplate t) {
        AgencyProfile agency = agency(agencyCode);
        Author author = authorOf(caller, agency.code());
        validate(t.kind(), t.network(), t.locale(), t.placeholders());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String network = t.kind() == ReleaseKind.SOCIAL_POST ? t.network().toLowerCase(Locale.ROOT) : null;
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO press.template (id, agency_code, kind, network, locale, state, "
                    + "current_version, created_by, created_at) VALUES (?,?,?,?,?,?,1,?,?)")) {
                s.setObject(1, id);
                s.setString(2, agency.code());
                s.setString(3, t.kind().name());
                s.setString(4, network);
                s.setString(5, t.locale());
                s.setString(6, ReleaseState.DRAFT.name());
                s.setObject(7, caller.account());
                s.setTimestamp(8, Timestamp.from(now));
                s.executeUpdate();
            }
            insertVersion(c, id, 1, t.title(), t.body(), t.placeholders(), t.values(), caller, author, now);
            return null;
        });
        return template(caller, agency.code(), id);
    }

    public Template edit(Caller caller, String agencyCode, UUID id, Edit e) {
        AgencyProfile agency = agency(agencyCode);
        Author author = authorOf(caller, agency.code());
        TemplateRow row = row(caller, agency.code(), id);
        validate(row.kind, row.network, row.locale, e.placeholders());
        database.inTransaction(c -> {
            TemplateRow locked = lock(c, id);
            requireState(locked.state, Move.EDIT, "edit");
            int next = locked.version + 1;
            insertVersion(c, id, next, e.title(), e.body(), e.placeholders(), e.values(), caller, author, clock.instant());
            try (PreparedStatement s = c.prepareStatement("UPDATE press.template SET current_version = ?, state = ?, approved_version = NULL, "
                    + "approved_role = NULL, approved_at = NULL, approved_title = NULL, approved_text = NULL, approved_html = NULL, "
                    + "approved_checks = NULL WHERE id = ?")) {
                s.setInt(1, next);
                s.setString(2, ReleaseState.DRAFT.name());
                s.setObject(3, id);
                s.executeUpdate();
            }
            return null;
        });
        return template(caller, agency.code(), id);
    }

    public List<Template> templates(Caller caller, String agencyCode) {
        AgencyProfile agency = agency(agencyCode);
        readerCheck(caller, agency.code());
        List<UUID> ids = database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM press.template WHERE agency_code = ? "
                    + (isVendor(caller) ? "AND created_by = ? " : "") + "ORDER BY created_at")) {
                s.setString(1, agency.code());
                if (isVendor(caller)) {
                    s.setObject(2, caller.account());
                }
                List<UUID> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getObject(1, UUID.class));
                    }
                }
                return found;
            }
        });
        List<Template> result = new ArrayList<>();
        for (UUID id : ids) {
            result.add(template(caller, agency.code(), id));
        }
        return result;
    }

    public Template template(Caller caller, String agencyCode, UUID id) {
        AgencyProfile agency = agency(agencyCode);
        TemplateRow row = row(caller, agency.code(), id);
        Version v = version(row, row.version);
        return new Template(row.id, row.agency, row.kind, row.network, row.locale, row.state, row.version, v.title(), v.body(),
                v.placeholders(), v.values(), row.rejectReason, row.approvedVersion, row.approvedRole, row.approvedAt,
                row.approvedChecks, row.createdAt);
    }

    public List<Version> versions(Caller caller, String agencyCode, UUID id) {
        TemplateRow row = row(caller, agency(agencyCode).code(), id);
        List<Version> all = new ArrayList<>();
        for (int v = 1; v <= row.version; v++) {
            all.add(version(row, v));
        }
        return all;
    }

    public Version version(Caller caller, String agencyCode, UUID id, int version) {
        TemplateRow row = row(caller, agency(agencyCode).code(), id);
        if (version < 1 || version > row.version) {
            throw new ProblemException(NOT_FOUND, "The template has versions 1 to " + row.version + ".");
        }
        return version(row, version);
    }

    public Diff diff(Caller caller, String agencyCode, UUID id, int from, int to) {
        Version a = version(caller, agencyCode, id, from);
        Version b = version(caller, agencyCode, id, to);
        return new Diff(from, to, VersionDiff.unified("template", from,
                VersionDiff.document(a.title(), a.placeholders(), a.values(), a.body()), to,
                VersionDiff.document(b.title(), b.placeholders(), b.values(), b.body())));
    }

    public Rendering render(Caller caller, String agencyCode, UUID id, Integer version) {
        AgencyProfile agency = agency(agencyCode);
        TemplateRow row = row(caller, agency.code(), id);
        int v = version == null ? row.version : version;
        if (v < 1 || v > row.version) {
            throw new ProblemException(NOT_FOUND, "The template has versions 1 to " + row.version + ".");
        }
        return render(agency, row, version(row, v), programmes(agency.code()));
    }

    // ---- workflow ----

    public Template submit(Caller caller, String agencyCode, UUID id) {
        AgencyProfile agency = agency(agencyCode);
        authorOf(caller, agency.code());
        TemplateRow row = row(caller, agency.code(), id);
        requireState(row.state, Move.SUBMIT, "submit");
        render(agency, row, version(row, row.version), programmes(agency.code())); // a draft that does not render is not reviewed
        move(row, Move.SUBMIT, "reject_reason = NULL", s -> { });
        return template(caller, agency.code(), id);
    }

    public Template approve(Caller caller, String agencyCode, UUID id) {
        AgencyProfile agency = agency(agencyCode);
        requireApprover(caller, agency.code());
        TemplateRow row = row(caller, agency.code(), id);
        requireState(row.state, Move.APPROVE, "approve");
        Version v = version(row, row.version);
        List<IncentiveFigures.Programme> programmes = programmes(agency.code());
        Rendering r = render(agency, row, v, programmes);
        TemplateCheck.Draft draft = new TemplateCheck.Draft(agency.code(), row.kind, row.network, row.locale, checkedText(row.kind, r),
                r.values());
        Map<String, TemplateCheck> all = new LinkedHashMap<>();
        all.put(BuiltInChecks.PLACEHOLDERS, BuiltInChecks.placeholdersFilled(v.placeholders()));
        all.put(BuiltInChecks.LENGTH, BuiltInChecks.lengthLimit(networkLimits, config.pressReleaseMaxChars(), config.communityNoticeMaxChars()));
        all.put(BuiltInChecks.DISCLOSURE, BuiltInChecks.partnershipDisclosure(() -> programmes, agency.name()));
        new java.util.TreeMap<>(checks).forEach(all::put);
        Map<String, List<String>> failures = BuiltInChecks.run(all, draft);
        if (!failures.isEmpty()) {
            StringBuilder detail = new StringBuilder("The draft fails ").append(failures.size()).append(" check(s):");
            failures.forEach((name, messages) -> messages.forEach(m -> detail.append(' ').append(name).append(": ").append(m)));
            throw new ProblemException(CHECKS_FAILED, detail.toString());
        }
        Instant now = clock.instant();
        move(row, Move.APPROVE, "approved_version = ?, approved_role = ?, approved_at = ?, approved_title = ?, approved_text = ?, "
                + "approved_html = ?, approved_checks = ?", s -> {
                    s.setInt(1, row.version);
                    s.setString(2, caller.role());
                    s.setTimestamp(3, Timestamp.from(now));
                    s.setString(4, r.title());
                    s.setString(5, r.text());
                    s.setString(6, r.html());
                    s.setString(7, json.write(List.copyOf(all.keySet())));
                });
        return template(caller, agency.code(), id);
    }

    public Template reject(Caller caller, String agencyCode, UUID id, String reason) {
        AgencyProfile agency = agency(agencyCode);
        requireApprover(caller, agency.code());
        TemplateRow row = row(caller, agency.code(), id);
        requireState(row.state, Move.REJECT, "reject");
        move(row, Move.REJECT, "reject_reason = ?, approved_version = NULL, approved_role = NULL, approved_at = NULL, "
                + "approved_title = NULL, approved_text = NULL, approved_html = NULL, approved_checks = NULL", s -> s.setString(1, reason));
        return template(caller, agency.code(), id);
    }

    public Release publish(Caller caller, String agencyCode, UUID id) {
        AgencyProfile agency = agency(agencyCode);
        requireApprover(caller, agency.code());
        row(caller, agency.code(), id);
        UUID releaseId = UUID.randomUUID();
        database.inTransaction(c -> {
            TemplateRow locked = lock(c, id);
            requireState(locked.state, Move.PUBLISH, "publish");
            List<Author> contributors = new ArrayList<>(new LinkedHashSet<>(authors(c, id, locked.approvedVersion)));
            Author author = authorOfVersion(c, id, locked.approvedVersion);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO press.release (id, agency_code, template_id, version, kind, network, "
                    + "locale, title, text, html, author_role, vendor_name, contributors, approved_role, approved_at, published_role, "
                    + "published_at, checks) SELECT ?, agency_code, id, approved_version, kind, network, locale, approved_title, "
                    + "approved_text, approved_html, ?, ?, ?, approved_role, approved_at, ?, ?, approved_checks FROM press.template WHERE id = ?")) {
                s.setObject(1, releaseId);
                s.setString(2, author.role());
                s.setString(3, author.vendor());
                s.setString(4, json.write(contributors));
                s.setString(5, caller.role());
                s.setTimestamp(6, Timestamp.from(clock.instant()));
                s.setObject(7, id);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE press.template SET state = ? WHERE id = ?")) {
                s.setString(1, ReleaseState.PUBLISHED.name());
                s.setObject(2, id);
                s.executeUpdate();
            }
            return null;
        });
        return releases(agency.code()).stream().filter(r -> r.id().equals(releaseId)).findFirst().orElseThrow();
    }

    // ---- vendor grants ----

    public VendorGrant grant(String agencyCode, UUID vendor, String name, UUID by) {
        AgencyProfile agency = agency(agencyCode);
        var account = accounts.find(vendor);
        if (account.isEmpty() || !Roles.VENDOR.equals(account.get().role())) {
            throw new ProblemException(INVALID, "Account " + vendor + " is not a vendor account.");
        }
        Instant now = clock.instant();
        database.inTransaction(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM press.vendor_grant WHERE agency_code = ? AND vendor = ?")) {
                d.setString(1, agency.code());
                d.setObject(2, vendor);
                d.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO press.vendor_grant (agency_code, vendor, vendor_name, granted_by, "
                    + "granted_at) VALUES (?,?,?,?,?)")) {
                s.setString(1, agency.code());
                s.setObject(2, vendor);
                s.setString(3, name.strip());
                s.setObject(4, by);
                s.setTimestamp(5, Timestamp.from(now));
                s.executeUpdate();
            }
            return null;
        });
        return new VendorGrant(vendor, name.strip(), now);
    }

    public void revoke(String agencyCode, UUID vendor) {
        AgencyProfile agency = agency(agencyCode);
        int removed = database.inTransaction(c -> {
            try (PreparedStatement d = c.prepareStatement("DELETE FROM press.vendor_grant WHERE agency_code = ? AND vendor = ?")) {
                d.setString(1, agency.code());
                d.setObject(2, vendor);
                return d.executeUpdate();
            }
        });
        if (removed == 0) {
            throw new ProblemException(NOT_FOUND, "The vendor has no grant for this agency.");
        }
    }

    public List<VendorGrant> grants(String agencyCode) {
        AgencyProfile agency = agency(agencyCode);
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT vendor, vendor_name, granted_at FROM press.vendor_grant "
                    + "WHERE agency_code = ? ORDER BY granted_at")) {
                s.setString(1, agency.code());
                List<VendorGrant> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new VendorGrant(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant()));
                    }
                }
                return found;
            }
        });
    }

    // ---- public log ----

    /** The agency's published releases, newest first. */
    public List<Release> releases(String agencyCode) {
        AgencyProfile agency = agency(agencyCode);
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, template_id, version, kind, network, locale, title, text, html, "
                    + "author_role, vendor_name, contributors, approved_role, approved_at, published_role, published_at, checks "
                    + "FROM press.release WHERE agency_code = ? ORDER BY published_at DESC")) {
                s.setString(1, agency.code());
                List<Release> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Release(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                                ReleaseKind.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                                rs.getString(9), new Author(rs.getString(10), rs.getString(11)),
                                List.of(json.read(rs.getString(12), Author[].class)), rs.getString(13), rs.getTimestamp(14).toInstant(),
                                rs.getString(15), rs.getTimestamp(16).toInstant(), List.of(json.read(rs.getString(17), String[].class))));
                    }
                }
                return found;
            }
        });
    }

    /** Releases published per month in the agency's time zone, from {@code from} to {@code to} inclusive. */
    public Map<YearMonth, Long> publishedPerMonth(String agencyCode, YearMonth from, YearMonth to) {
        AgencyProfile agency = agency(agencyCode);
        java.time.ZoneId zone = agency.timeZone() == null ? java.time.ZoneOffset.UTC : agency.timeZone();
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT published_at FROM press.release WHERE agency_code = ? "
                    + "AND published_at >= ? AND published_at < ?")) {
                s.setString(1, agency.code());
                s.setTimestamp(2, Timestamp.from(from.atDay(1).atStartOfDay(zone).toInstant()));
                s.setTimestamp(3, Timestamp.from(to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant()));
                Map<YearMonth, Long> counts = new java.util.TreeMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        counts.merge(YearMonth.from(rs.getTimestamp(1).toInstant().atZone(zone)), 1L, Long::sum);
                    }
                }
                return counts;
            }
        });
    }

    // ---- internals ----

    private record TemplateRow(UUID id, String agency, ReleaseKind kind, String network, String locale, ReleaseState state, int version,
            UUID createdBy, Instant createdAt, String rejectReason, Integer approvedVersion, String approvedRole, Instant approvedAt,
            List<String> approvedChecks) {
    }

    private static final String ROW = "SELECT id, agency_code, kind, network, locale, state, current_version, created_by, created_at, "
            + "reject_reason, approved_version, approved_role, approved_at, approved_checks FROM press.template WHERE id = ?";

    private TemplateRow read(ResultSet rs) throws SQLException {
        int approved = rs.getInt(11);
        Integer approvedVersion = rs.wasNull() ? null : approved;
        Timestamp approvedAt = rs.getTimestamp(13);
        String checksJson = rs.getString(14);
        return new TemplateRow(rs.getObject(1, UUID.class), rs.getString(2), ReleaseKind.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), ReleaseState.valueOf(rs.getString(6)), rs.getInt(7), rs.getObject(8, UUID.class),
                rs.getTimestamp(9).toInstant(), rs.getString(10), approvedVersion, rs.getString(12),
                approvedAt == null ? null : approvedAt.toInstant(), checksJson == null ? List.of() : List.of(json.read(checksJson, String[].class)));
    }

    /** The template as this caller may see it: another agency's, or (for a vendor) another author's, is not found. */
    private TemplateRow row(Caller caller, String agency, UUID id) {
        readerCheck(caller, agency);
        TemplateRow row = database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(ROW)) {
                s.setObject(1, id);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? read(rs) : null;
                }
            }
        });
        if (row == null || !row.agency.equals(agency) || (isVendor(caller) && !row.createdBy.equals(caller.account()))) {
            throw new ProblemException(NOT_FOUND, "No such template.");
        }
        return row;
    }

    private TemplateRow lock(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ROW + " FOR UPDATE")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return read(rs);
            }
        }
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    /** Moves the template on if nobody moved it first; the loser of a race gets 409 naming the state it found. */
    private void move(TemplateRow row, Move move, String set, Binder binder) {
        database.inTransaction(c -> {
            TemplateRow locked = lock(c, row.id);
            requireState(locked.state, move, move.name().toLowerCase(Locale.ROOT));
            if (locked.version != row.version) {
                throw new ProblemException(WRONG_STATE, "The template changed meanwhile (now version " + locked.version + "); look again.");
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE press.template SET " + set + ", state = '" + ReleaseState.after(move).name()
                    + "' WHERE id = '" + row.id + "'")) {
                binder.bind(s);
                s.executeUpdate();
            }
            return null;
        });
    }

    private static void requireState(ReleaseState state, Move move, String verb) {
        if (!state.allows(move)) {
            throw new ProblemException(WRONG_STATE, "Cannot " + verb + " a template that is " + state + ".");
        }
    }

    private Version version(TemplateRow row, int version) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT version, title, body, placeholders, placeholder_values, author_role, "
                    + "vendor_name, created_at FROM press.template_version WHERE template_id = ? AND version = ?")) {
                s.setObject(1, row.id);
                s.setInt(2, version);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Version(rs.getInt(1), rs.getString(2), rs.getString(3), List.of(json.read(rs.getString(4), Placeholder[].class)),
                            values(rs.getString(5)), new Author(rs.getString(6), rs.getString(7)), rs.getTimestamp(8).toInstant());
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> values(String stored) {
        Map<String, Object> raw = json.read(stored, Map.class);
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((k, v) -> values.put(k, v == null ? null : v.toString()));
        return values;
    }

    private List<Author> authors(Connection c, UUID id, int upTo) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT author_role, vendor_name FROM press.template_version WHERE template_id = ? "
                + "AND version <= ? ORDER BY version")) {
            s.setObject(1, id);
            s.setInt(2, upTo);
            List<Author> found = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(new Author(rs.getString(1), rs.getString(2)));
                }
            }
            return found;
        }
    }

    private Author authorOfVersion(Connection c, UUID id, int version) throws SQLException {
        List<Author> all = authors(c, id, version);
        return all.get(all.size() - 1);
    }

    private void insertVersion(Connection c, UUID id, int version, String title, String body, List<Placeholder> placeholders,
            Map<String, String> values, Caller caller, Author author, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO press.template_version (template_id, version, title, body, placeholders, "
                + "placeholder_values, author, author_role, vendor_name, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            s.setObject(1, id);
            s.setInt(2, version);
            s.setString(3, title);
            s.setString(4, body);
            s.setString(5, json.write(placeholders == null ? List.of() : placeholders));
            s.setString(6, json.write(values == null ? Map.of() : values));
            s.setObject(7, caller.account());
            s.setString(8, author.role());
            s.setString(9, author.vendor());
            s.setTimestamp(10, Timestamp.from(at));
            s.executeUpdate();
        }
    }

    private Rendering render(AgencyProfile agency, TemplateRow row, Version v, List<IncentiveFigures.Programme> programmes) {
        List<IncentiveFigures.Programme> known = programmes == null ? List.of() : programmes;
        PlaceholderValues values = PlaceholderValues.of(v.placeholders(), v.values(), agency.name(), known,
                PartnershipDisclosure.block(agency.name(), known));
        Locale locale = StrictRenderer.locale(row.locale);
        String title = renderer.render("title", v.title(), values.model(), locale);
        String body = renderer.render("body", v.body(), values.model(), locale);
        return new Rendering(v.version(), title, body, StrictRenderer.escape(title), StrictRenderer.html(body), values.values());
    }

    /** What checks read: a social post is its body (the title is the agency's own label); other kinds are title, empty line, body. */
    static String checkedText(ReleaseKind kind, Rendering r) {
        return kind == ReleaseKind.SOCIAL_POST ? r.text() : r.title() + "\n\n" + r.text();
    }

    /** The agency's programmes, or null if the incentive figures are not available. */
    private List<IncentiveFigures.Programme> programmes(String agency) {
        IncentiveFigures f = figures;
        return f == null ? null : f.programmes(agency);
    }

    private void validate(ReleaseKind kind, String network, String locale, List<Placeholder> placeholders) {
        List<String> wrong = new ArrayList<>();
        if (kind == ReleaseKind.SOCIAL_POST && (network == null || !networkLimits.containsKey(network.toLowerCase(Locale.ROOT)))) {
            wrong.add("a social post needs a network, one of " + networkLimits.keySet());
        }
        if (kind != ReleaseKind.SOCIAL_POST && network != null) {
            wrong.add("only a social post has a network");
        }
        if (locale == null || Locale.forLanguageTag(locale).getLanguage().isEmpty()) {
            wrong.add("locale '" + locale + "' is not a language tag like en-US");
        }
        Set<String> names = new java.util.HashSet<>();
        for (Placeholder p : placeholders == null ? List.<Placeholder>of() : placeholders) {
            String invalid = p.invalidity();
            if (invalid != null) {
                wrong.add(invalid);
            } else if (!names.add(p.name())) {
                wrong.add("placeholder '" + p.name() + "' is declared twice");
            }
        }
        if (!wrong.isEmpty()) {
            throw new ProblemException(INVALID, "The template is not valid: " + String.join("; ", wrong) + ".");
        }
    }

    private AgencyProfile agency(String code) {
        return agencies.find(code).orElseThrow(() -> new ProblemException(NOT_FOUND, "No such agency."));
    }

    private static boolean isVendor(Caller caller) {
        return Roles.VENDOR.equals(caller.role());
    }

    /** The author a caller writes as: the agency's PIO, or a vendor the agency granted; anybody else is refused. */
    private Author authorOf(Caller caller, String agency) {
        if (caller.hasRole(Roles.PIO) && caller.isStaffOf(agency)) {
            return new Author(Roles.PIO, null);
        }
        if (isVendor(caller)) {
            return new Author(Roles.VENDOR, grantedName(caller, agency));
        }
        throw new ProblemException(ProblemType.FORBIDDEN, "Only the agency's PIO or a vendor it granted write its templates.");
    }

    private void readerCheck(Caller caller, String agency) {
        if (isVendor(caller)) {
            grantedName(caller, agency);
        } else if (!caller.isStaffOf(agency)) {
            throw new ProblemException(NOT_FOUND, "No such agency.");
        }
    }

    private String grantedName(Caller caller, String agency) {
        String name = database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT vendor_name FROM press.vendor_grant WHERE agency_code = ? AND vendor = ?")) {
                s.setString(1, agency);
                s.setObject(2, caller.account());
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        if (name == null) {
            throw new ProblemException(NOT_FOUND, "No such agency."); // an agency that did not grant this vendor is none of its business
        }
        return name;
    }

    private static void requireApprover(Caller caller, String agency) {
        if (!(caller.hasRole(Roles.PIO) || caller.hasRole(Roles.AGENCY_ADMIN)) || !caller.isStaffOf(agency)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the agency's PIO or admin approve, reject or publish.");
        }
    }
}
