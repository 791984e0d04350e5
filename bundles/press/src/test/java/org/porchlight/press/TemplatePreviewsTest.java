package org.porchlight.press;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.press.ReleaseKind;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

/** The template editor's preview of unsaved text, the approved text and the disclosure, on H2 with the press schema. */
class TemplatePreviewsTest {

    private static final long OWN_BUNDLE = 5;

    private final PressFixtures fixtures = new PressFixtures();
    private final TemplateChecks checks = new TemplateChecks(OWN_BUNDLE);
    private final TemplateWorkflow workflow = new TemplateWorkflow(fixtures.database, fixtures.agencies, fixtures.json,
            checks, PressFixtures.config(100_000));
    private final TemplatePreviews previews = workflow.previews();
    private final Caller vendor = PressFixtures.vendor();
    private final Accounts accounts = id -> Optional.of(new Accounts.Account(id, id.equals(vendor.account()) ? Roles.VENDOR
            : Roles.RESIDENT, null, Instant.EPOCH));
    private final VendorGrants grants = new VendorGrants(fixtures.database, fixtures.agencies, accounts);
    private final Caller pio = PressFixtures.staff(Roles.PIO, PressFixtures.KCPD);
    private final Caller admin = PressFixtures.staff(Roles.AGENCY_ADMIN, PressFixtures.KCPD);
    private final Caller otherPio = PressFixtures.staff(Roles.PIO, PressFixtures.OTHER);

    {
        // the incentives module runs; the agency has no programme
        workflow.setFigures(PressFixtures.figures(List.of(), IncentiveFigures.DisclosureTerms.NONE));
    }

    private static TemplateWorkflow.NewTemplate notice(String body) {
        return new TemplateWorkflow.NewTemplate(ReleaseKind.COMMUNITY_NOTICE, null, "en-US", "Water for ${agency}", body,
                List.of(new Placeholder("agency", PlaceholderType.AGENCY_NAME, null), new Placeholder("day",
                        PlaceholderType.DATE, null)),
                Map.of("day", "2026-12-01"));
    }

    private static void problem(ProblemType type, String naming, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(ProblemException.class)
                .satisfies(e -> assertThat(((ProblemException) e).problem().type()).isEqualTo(type.uri()))
                .hasMessageContaining(naming);
    }

    @Test
    void aPreviewRendersUnsavedTextWithSamplesAndNamesAnUndeclaredPlaceholderWithoutSavingAnything() {
        Rendering preview = previews.preview(pio, PressFixtures.KCPD, new TemplateWorkflow.NewTemplate(ReleaseKind.PRESS_RELEASE,
                null, "en-US", "Water for ${agency}", "Boil <water> until ${day}.", List.of(new Placeholder("agency",
                        PlaceholderType.AGENCY_NAME, null), new Placeholder("day", PlaceholderType.DATE, null)), Map.of()));
        assertThat(preview.title()).isEqualTo("Water for KCPD Police");
        assertThat(preview.text()).startsWith("Boil <water> until ");
        assertThat(preview.html()).contains("&lt;water&gt;");
        problem(PlaceholderException.TYPE, "nope", () -> previews.preview(pio, PressFixtures.KCPD, notice("Hello ${nope}.")));
        problem(PressProblems.NOT_FOUND, "agency", () -> previews.preview(otherPio, PressFixtures.KCPD, notice("Hello.")));
        assertThat(workflow.templates(pio, PressFixtures.KCPD)).isEmpty();
    }

    @Test
    void theApprovedTextIsWhatPublishingPutsOnTheLogAndAVendorSeesTheAgenciesThatGrantedIt() {
        assertThat(grants.grantsOf(vendor.account())).isEmpty();
        grants.grant(PressFixtures.KCPD, vendor.account(), "Acme", admin.account());
        assertThat(grants.grantsOf(vendor.account())).extracting(g -> g.agency() + "/" + g.name())
                .containsExactly(PressFixtures.KCPD + "/Acme");
        PressTemplate t = workflow.create(pio, PressFixtures.KCPD, notice("Boil water until ${day}."));
        assertThat(previews.approvedText(pio, PressFixtures.KCPD, t.id())).isEmpty();
        workflow.submit(pio, PressFixtures.KCPD, t.id());
        workflow.approve(admin, PressFixtures.KCPD, t.id());
        Rendering approved = previews.approvedText(pio, PressFixtures.KCPD, t.id()).orElseThrow();
        assertThat(approved.text()).isEqualTo("Boil water until December 1, 2026.");
        assertThat(workflow.publish(pio, PressFixtures.KCPD, t.id()).text()).isEqualTo(approved.text());
        assertThat(previews.disclosure(pio, PressFixtures.KCPD)).isEmpty();
        problem(PressProblems.NOT_FOUND, "template", () -> previews.approvedText(otherPio, PressFixtures.OTHER, t.id()));
    }
}
