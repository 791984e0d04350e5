package org.porchlight.press;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
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
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.press.ReleaseState.Move;
import org.porchlight.press.store.ReleaseRows;
import org.porchlight.press.store.TemplateRows;
import org.porchlight.press.store.TemplateRows.TemplateRow;
import org.porchlight.press.store.VendorGrantRows;

/**
 * An agency's templates from first draft to the public release log: versions, renderings,
 * review, approval after every check, publication. Rules and state moves only; the SQL is in
 * {@code store/}, who-may-what in {@link TemplateAccess}.
 */
@Component(service = TemplateWorkflow.class, configurationPid = PressConfiguration.PID)
@Designate(ocd = PressConfiguration.class)
public class TemplateWorkflow {

    /** What an author starts a template with. */
    public record NewTemplate(ReleaseKind kind, String network, String locale, String title, String body,
            List<Placeholder> placeholders, Map<String, String> values) {
    }

    /** What an author changes: the next version. */
    public record Edit(String title, String body, List<Placeholder> placeholders, Map<String, String> values) {
    }

    /**
     * Characters of template text kept parsed and judged, in all: about 250 typical versions (a
     * 2,000-character body takes 15 kB parsed) and at most about 11 MB of heap, whatever the
     * templates (22 bytes per character for the densest within SourceLimits).
     */
    static final long PARSED_CHARS = 500_000;

    private final Database database;
    private final Agencies agencies;
    private final TemplateRows templates;
    private final ReleaseRows releases;
    private final TemplateAccess access;
    private final TemplateChecks checks;
    private final ParsedTemplates parsed = new ParsedTemplates(PARSED_CHARS);
    private final Clock clock = Clock.systemUTC();
    private final TemplatePreviews previews;
    private volatile Map<String, Integer> networkLimits;
    private volatile PressConfiguration config;
    private volatile StrictRenderer renderer;
    private volatile IncentiveFigures figures;

    @Activate
    public TemplateWorkflow(@Reference Database database, @Reference Agencies agencies, @Reference JsonCodec json,
            @Reference TemplateChecks checks, PressConfiguration config) {
        this.database = database;
        this.agencies = agencies;
        this.checks = checks;
        this.templates = new TemplateRows(json);
        this.releases = new ReleaseRows(json);
        this.access = new TemplateAccess(database, new VendorGrantRows());
        this.previews = new TemplatePreviews(this, database, templates, access, clock);
        modified(config);
    }

    @Modified
    void modified(PressConfiguration changed) {
        this.networkLimits = parseLimits(changed.networkLimits());
        this.renderer = new StrictRenderer(new RenderingLimits(changed.renderMaxChars(),
                Duration.ofMillis(changed.renderTimeoutMillis())));
        this.config = changed;
    }

    @Deactivate
    void deactivate() {
        parsed.clear();
    }

    /** The networks a social post may name, with their limits in characters. */
    public Map<String, Integer> networks() {
        return networkLimits;
    }

    /** The editor's previews, approved text and disclosure, under the same access rules. */
    public TemplatePreviews previews() {
        return previews;
    }

    /** The renderer in use (also for tests, which count its parses). */
    StrictRenderer renderer() {
        return renderer;
    }

    static Map<String, Integer> parseLimits(String[] entries) {
        Map<String, Integer> limits = new LinkedHashMap<>();
        // etc/*.cfg has no arrays: one comma-separated value arrives as a single element.
        for (String entry : String.join(",", entries).split(",")) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                limits.put(entry.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        Integer.parseInt(entry.substring(eq + 1).strip()));
            }
        }
        return Map.copyOf(limits);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setFigures(IncentiveFigures figures) {
        this.figures = figures;
    }

    void unsetFigures(IncentiveFigures gone) {
        if (figures == gone) {
            figures = null;
        }
    }

    public PressTemplate create(Caller caller, String agencyCode, NewTemplate t) {
        AgencyProfile agency = agency(agencyCode);
        Author author = access.author(caller, agency.code());
        validate(t.kind(), t.network(), t.locale(), t.placeholders());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String network = t.kind() == ReleaseKind.SOCIAL_POST ? t.network().toLowerCase(Locale.ROOT) : null;
        database.inTransaction(c -> {
            templates.insert(c, new TemplateRow(id, agency.code(), t.kind(), network, t.locale(), ReleaseState.DRAFT, 1,
                    caller.account(),
                    now, null, null, null, null, List.of()));
            templates.insertVersion(c, id, new TemplateVersion(1, t.title(), t.body(), t.placeholders(), t.values(), author, now),
                    caller.account());
            return null;
        });
        return template(caller, agency.code(), id);
    }

    public PressTemplate edit(Caller caller, String agencyCode, UUID id, Edit e) {
        AgencyProfile agency = agency(agencyCode);
        Author author = access.author(caller, agency.code());
        TemplateRow row = row(caller, agency.code(), id);
        validate(row.kind(), row.network(), row.locale(), e.placeholders());
        database.inTransaction(c -> {
            TemplateRow locked = locked(c, id);
            requireState(locked.state(), Move.EDIT, "edit");
            int next = locked.version() + 1;
            templates.insertVersion(c, id, new TemplateVersion(next, e.title(), e.body(), e.placeholders(), e.values(), author,
                    clock.instant()), caller.account());
            templates.edited(c, id, next);
            return null;
        });
        return template(caller, agency.code(), id);
    }

    /**
     * Refuses a caller who may not write the agency's templates (403; 404 for a vendor the agency did not grant): the
     * editor asks before it offers an empty form.
     */
    public void requireAuthor(Caller caller, String agencyCode) {
        access.author(caller, agency(agencyCode).code());
    }

    /** The agency's templates at their current versions (a vendor: the ones it started), in a constant number of queries. */
    public List<PressTemplate> templates(Caller caller, String agencyCode) {
        AgencyProfile agency = agency(agencyCode);
        access.requireReader(caller, agency.code());
        UUID onlyBy = TemplateAccess.isVendor(caller) ? caller.account() : null;
        return database.withConnection(c -> templates.list(c, agency.code(), onlyBy));
    }

    public PressTemplate template(Caller caller, String agencyCode, UUID id) {
        TemplateRow row = row(caller, agency(agencyCode).code(), id);
        return database.withConnection(c -> templates.current(c, row.id())).orElseThrow();
    }

    public List<TemplateVersion> versions(Caller caller, String agencyCode, UUID id) {
        TemplateRow row = row(caller, agency(agencyCode).code(), id);
        return database.withConnection(c -> templates.versions(c, row.id()));
    }

    public TemplateVersion version(Caller caller, String agencyCode, UUID id, int version) {
        return version(row(caller, agency(agencyCode).code(), id), version);
    }

    public TemplateDiff diff(Caller caller, String agencyCode, UUID id, int from, int to) {
        TemplateRow row = row(caller, agency(agencyCode).code(), id);
        TemplateVersion a = version(row, from);
        TemplateVersion b = version(row, to);
        return new TemplateDiff(from, to, VersionDiff.unified("template", from,
                VersionDiff.document(a.title(), a.placeholders(), a.values(), a.body()), to,
                VersionDiff.document(b.title(), b.placeholders(), b.values(), b.body())));
    }

    public Rendering render(Caller caller, String agencyCode, UUID id, Integer version) {
        AgencyProfile agency = agency(agencyCode);
        TemplateRow row = row(caller, agency.code(), id);
        return render(agency, row, version(row, version == null ? row.version() : version), programmes(agency.code()));
    }

    public PressTemplate submit(Caller caller, String agencyCode, UUID id) {
        AgencyProfile agency = agency(agencyCode);
        access.author(caller, agency.code());
        TemplateRow row = row(caller, agency.code(), id);
        requireState(row.state(), Move.SUBMIT, "submit");
        render(agency, row, version(row, row.version()),
                programmes(agency.code())); // a draft that does not render is not reviewed
        move(row, Move.SUBMIT, c -> templates.submitted(c, id));
        return template(caller, agency.code(), id);
    }

    public PressTemplate approve(Caller caller, String agencyCode, UUID id) {
        AgencyProfile agency = agency(agencyCode);
        access.requireApprover(caller, agency.code());
        TemplateRow row = row(caller, agency.code(), id);
        requireState(row.state(), Move.APPROVE, "approve");
        TemplateVersion v = version(row, row.version());
        UUID author = database.withConnection(c -> templates.versionAuthor(c, id, v.version())).orElseThrow();
        boolean selfApproved = FourEyes.selfApproved(author, caller, agency, v.version());
        IncentiveFigures f = figures;
        List<IncentiveFigures.Programme> programmes = f == null ? null : f.programmes(agency.code());
        Rendering r = render(agency, row, v, programmes);
        String vendor = database.withConnection(c -> templates.authors(c, id, v.version())).stream()
                .filter(a -> Roles.VENDOR.equals(a.role())).map(a -> a.vendor() == null ? "vendor" : a.vendor())
                .findFirst().orElse(null);
        TemplateCheck.Draft draft = new TemplateCheck.Draft(agency.code(), row.kind(), row.network(), row.locale(),
                checkedText(row.kind(), r), r.values());
        Map<String, TemplateCheck> all = new LinkedHashMap<>();
        all.put(BuiltInChecks.PLACEHOLDERS, BuiltInChecks.placeholdersFilled(v.placeholders()));
        all.put(BuiltInChecks.LENGTH, BuiltInChecks.lengthLimit(networkLimits, config.pressReleaseMaxChars(),
                config.communityNoticeMaxChars()));
        all.put(BuiltInChecks.DISCLOSURE, BuiltInChecks.partnershipDisclosure(() -> programmes,
                () -> f.disclosureTerms(agency.code()), vendor, agency.name()));
        checks.forAgency(agency.code()).forEach(all::putIfAbsent);
        BuiltInChecks.requirePassed(all, draft);
        TemplateRows.Approval approval = new TemplateRows.Approval(row.version(), caller.account(), caller.role(),
                clock.instant(), r.title(), r.text(), r.html(), List.copyOf(all.keySet()), selfApproved);
        move(row, Move.APPROVE, c -> templates.approved(c, id, approval));
        return template(caller, agency.code(), id);
    }

    public PressTemplate reject(Caller caller, String agencyCode, UUID id, String reason) {
        AgencyProfile agency = agency(agencyCode);
        access.requireApprover(caller, agency.code());
        TemplateRow row = row(caller, agency.code(), id);
        requireState(row.state(), Move.REJECT, "reject");
        move(row, Move.REJECT, c -> templates.rejected(c, id, reason));
        return template(caller, agency.code(), id);
    }

    public Release publish(Caller caller, String agencyCode, UUID id) {
        AgencyProfile agency = agency(agencyCode);
        access.requireApprover(caller, agency.code());
        row(caller, agency.code(), id);
        UUID release = UUID.randomUUID();
        return database.inTransaction(c -> {
            TemplateRow locked = locked(c, id);
            requireState(locked.state(), Move.PUBLISH, "publish");
            List<Author> authors = templates.authors(c, id, locked.approvedVersion());
            List<Author> contributors = new ArrayList<>(new LinkedHashSet<>(authors));
            releases.publish(c, release, id, authors.get(authors.size() - 1), contributors, caller.role(), clock.instant());
            templates.published(c, id);
            return releases.find(c, release).orElseThrow();
        });
    }

    /** What checks read: a social post is its body (the title is the agency's own label); others title, empty line, body. */
    static String checkedText(ReleaseKind kind, Rendering r) {
        return kind == ReleaseKind.SOCIAL_POST ? r.text() : r.title() + "\n\n" + r.text();
    }

    /** One state change in one transaction. */
    @FunctionalInterface
    private interface Change {
        void apply(Connection c) throws SQLException;
    }

    /** Moves the template on if nobody moved it first; the loser of a race gets 409 naming the state it found. */
    private void move(TemplateRow row, Move move, Change change) {
        database.inTransaction(c -> {
            TemplateRow locked = locked(c, row.id());
            requireState(locked.state(), move, move.name().toLowerCase(Locale.ROOT));
            if (locked.version() != row.version()) {
                throw new ProblemException(PressProblems.WRONG_STATE, "The template changed meanwhile (now version "
                        + locked.version() + "); look again.");
            }
            change.apply(c);
            return null;
        });
    }

    private TemplateRow locked(Connection c, UUID id) throws SQLException {
        return templates.lock(c, id).orElseThrow(() -> new ProblemException(PressProblems.NOT_FOUND, "No such template."));
    }

    private static void requireState(ReleaseState state, Move move, String verb) {
        if (!state.allows(move)) {
            throw new ProblemException(PressProblems.WRONG_STATE, "Cannot " + verb + " a template that is " + state + ".");
        }
    }

    /** The template as this caller may see it: another agency's, or (for a vendor) another author's, is not found. */
    TemplateRow row(Caller caller, String agency, UUID id) {
        access.requireReader(caller, agency);
        TemplateRow row = database.withConnection(c -> templates.find(c, id)).orElse(null);
        if (row == null || !TemplateAccess.sees(caller, agency, row.agency(), row.createdBy())) {
            throw new ProblemException(PressProblems.NOT_FOUND, "No such template.");
        }
        return row;
    }

    private TemplateVersion version(TemplateRow row, int version) {
        if (version < 1 || version > row.version()) {
            throw new ProblemException(PressProblems.NOT_FOUND, "The template has versions 1 to " + row.version() + ".");
        }
        return database.withConnection(c -> templates.version(c, row.id(), version)).orElseThrow();
    }

    private Rendering render(AgencyProfile agency, TemplateRow row, TemplateVersion v,
            List<IncentiveFigures.Programme> programmes) {
        List<IncentiveFigures.Programme> known = programmes == null ? List.of() : programmes;
        PlaceholderValues values = PlaceholderValues.of(v.placeholders(), v.values(), agency.name(), known,
                PartnershipDisclosure.block(agency.name(), known));
        Locale locale = StrictRenderer.locale(row.locale());
        StrictRenderer r = renderer;
        String title = r.render(prepared(r, row.id(), v.version(), "title", v.title()), values.model(), locale);
        String body = r.render(prepared(r, row.id(), v.version(), "body", v.body()), values.model(), locale);
        return new Rendering(v.version(), title, body, StrictRenderer.escape(title), StrictRenderer.html(body), values.values());
    }

    /** The part parsed and judged: once per version, as versions never change. */
    private StrictRenderer.Prepared prepared(StrictRenderer r, UUID template, int version, String part, String source) {
        return parsed.get(new ParsedTemplates.Key(template, version, part), source.length(), () -> r.prepare(part, source));
    }

    /** The agency's programmes, or null if the incentive figures are not available. */
    List<IncentiveFigures.Programme> programmes(String agency) {
        IncentiveFigures f = figures;
        return f == null ? null : f.programmes(agency);
    }

    void validate(ReleaseKind kind, String network, String locale, List<Placeholder> placeholders) {
        List<String> wrong = new ArrayList<>();
        boolean knownNetwork = network != null && networkLimits.containsKey(network.toLowerCase(Locale.ROOT));
        if (kind == ReleaseKind.SOCIAL_POST && !knownNetwork) {
            wrong.add("a social post needs a network, one of " + networkLimits.keySet());
        }
        if (kind != ReleaseKind.SOCIAL_POST && network != null) {
            wrong.add("only a social post has a network");
        }
        if (locale == null || Locale.forLanguageTag(locale).getLanguage().isEmpty()) {
            wrong.add("locale '" + locale + "' is not a language tag like en-US");
        }
        Set<String> names = new HashSet<>();
        for (Placeholder p : placeholders == null ? List.<Placeholder>of() : placeholders) {
            String invalid = p.invalidity();
            if (invalid != null) {
                wrong.add(invalid);
            } else if (!names.add(p.name())) {
                wrong.add("placeholder '" + p.name() + "' is declared twice");
            }
        }
        if (!wrong.isEmpty()) {
            throw new ProblemException(PressProblems.INVALID, "The template is not valid: " + String.join("; ", wrong) + ".");
        }
    }

    AgencyProfile agency(String code) {
        return VendorGrants.agency(agencies, code);
    }
}
