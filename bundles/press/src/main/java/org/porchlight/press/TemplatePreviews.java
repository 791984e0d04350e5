package org.porchlight.press;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.security.Caller;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.press.TemplateWorkflow.NewTemplate;
import org.porchlight.press.store.TemplateRows;
import org.porchlight.press.store.TemplateRows.TemplateRow;

/**
 * What the template editor shows beside the saved versions: an unsaved draft rendered with {@link PreviewSamples},
 * the text as approved, and the agency's partnership disclosure; under the same access rules as {@link TemplateWorkflow}.
 */
public final class TemplatePreviews {

    private final TemplateWorkflow workflow;
    private final Database database;
    private final TemplateRows templates;
    private final TemplateAccess access;
    private final Clock clock;

    TemplatePreviews(TemplateWorkflow workflow, Database database, TemplateRows templates, TemplateAccess access, Clock clock) {
        this.workflow = workflow;
        this.database = database;
        this.templates = templates;
        this.access = access;
        this.clock = clock;
    }

    /**
     * A title and body not saved yet, rendered as a reader would see them, with {@link PreviewSamples} for the values the
     * author left out: the editor's preview. The same rules as a saved version (declarations, policy, limits), not kept.
     */
    public Rendering preview(Caller caller, String agencyCode, NewTemplate t) {
        AgencyProfile agency = workflow.agency(agencyCode);
        access.requireReader(caller, agency.code());
        workflow.validate(t.kind(), t.network(), t.locale(), t.placeholders());
        ZoneId zone = agency.zone();
        Map<String, String> values = PreviewSamples.fill(t.placeholders(), t.values(), LocalDate.now(clock.withZone(zone)));
        List<IncentiveFigures.Programme> known = workflow.programmes(agency.code());
        known = known == null ? List.of() : known;
        PlaceholderValues model = PlaceholderValues.of(t.placeholders(), values, agency.name(), known,
                PartnershipDisclosure.block(agency.name(), known));
        Locale locale = StrictRenderer.locale(t.locale());
        StrictRenderer r = workflow.renderer();
        String title = r.render("title", t.title(), model.model(), locale);
        String body = r.render("body", t.body(), model.model(), locale);
        return new Rendering(0, title, body, StrictRenderer.escape(title), StrictRenderer.html(body), model.values());
    }

    /** The title and text as approved, which publishing puts on the public log; empty when nothing is approved. */
    public Optional<Rendering> approvedText(Caller caller, String agencyCode, UUID id) {
        TemplateRow row = workflow.row(caller, workflow.agency(agencyCode).code(), id);
        return database.withConnection(c -> templates.approvedText(c, row.id()));
    }

    /**
     * The agency's partnership disclosure block from its current figures, as {@code ${disclosure}} renders it; empty
     * when it has no programme, null when the incentive figures are not available.
     */
    public String disclosure(Caller caller, String agencyCode) {
        AgencyProfile agency = workflow.agency(agencyCode);
        access.requireReader(caller, agency.code());
        List<IncentiveFigures.Programme> known = workflow.programmes(agency.code());
        return known == null ? null : PartnershipDisclosure.block(agency.name(), known);
    }
}
