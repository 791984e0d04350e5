package org.porchlight.press;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.press.ReleaseKind;
import org.porchlight.api.press.TemplateCheck;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.testing.TestPluginScope;

/** The template workflow on H2 with the press schema: authors, versions, review, approval, publication, and who sees what. */
class TemplateWorkflowTest {

    private static final long OWN_BUNDLE = 5;

    private final PressFixtures fixtures = new PressFixtures();
    private final TemplateChecks checks = new TemplateChecks(OWN_BUNDLE);
    private final TemplateWorkflow workflow = new TemplateWorkflow(fixtures.database, fixtures.agencies, fixtures.json,
            checks, PressFixtures.config(100_000));
    private final Caller vendor = PressFixtures.vendor();
    private final Accounts accounts = id -> Optional.of(new Accounts.Account(id, id.equals(vendor.account()) ? Roles.VENDOR
            : Roles.RESIDENT, null, Instant.EPOCH));
    private final VendorGrants grants = new VendorGrants(fixtures.database, fixtures.agencies, accounts);
    private final ReleaseLog log = new ReleaseLog(fixtures.database, fixtures.agencies, fixtures.json);
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
    void aGrantedVendorWritesThePioApprovesAndPublishesAndTheLogNamesWhoDidWhat() {
        grants.grant(PressFixtures.KCPD, vendor.account(), " Acme Doorbells Inc. ", admin.account());
        PressTemplate draft = workflow.create(vendor, PressFixtures.KCPD, notice("Boil water until ${day}."));
        assertThat(draft.state()).isEqualTo(ReleaseState.DRAFT);
        assertThat(workflow.render(vendor, PressFixtures.KCPD, draft.id(), null).title()).isEqualTo("Water for KCPD Police");

        workflow.submit(vendor, PressFixtures.KCPD, draft.id());
        problem(ProblemType.FORBIDDEN, "PIO or admin", () -> workflow.approve(vendor, PressFixtures.KCPD, draft.id()));
        assertThat(workflow.approve(pio, PressFixtures.KCPD, draft.id()).state()).isEqualTo(ReleaseState.APPROVED);
        problem(ProblemType.FORBIDDEN, "PIO or admin", () -> workflow.publish(vendor, PressFixtures.KCPD, draft.id()));
        Release release = workflow.publish(admin, PressFixtures.KCPD, draft.id());

        assertThat(release.text()).isEqualTo("Boil water until December 1, 2026.");
        assertThat(release.author()).isEqualTo(new Author(Roles.VENDOR, "Acme Doorbells Inc."));
        assertThat(release.approvedBy()).isEqualTo(Roles.PIO);
        assertThat(release.publishedBy()).isEqualTo(Roles.AGENCY_ADMIN);
        assertThat(release.checksPassed()).contains(BuiltInChecks.LENGTH, BuiltInChecks.DISCLOSURE);
        assertThat(log.releases(PressFixtures.KCPD)).containsExactly(release);
        assertThat(log.releases(PressFixtures.OTHER)).isEmpty();
        YearMonth month = YearMonth.from(release.publishedAt().atZone(ZoneOffset.UTC));
        assertThat(log.publishedPerMonth(PressFixtures.KCPD, month, month)).containsEntry(month, 1L);
        problem(PressProblems.WRONG_STATE, "PUBLISHED", () -> workflow.approve(pio, PressFixtures.KCPD, draft.id()));
    }

    @Test
    void theAuthorOfAVersionCannotApproveItAnotherPioCanAndAnAgencyThatAllowsItHasItShownInTheLog() {
        Caller secondPio = PressFixtures.staff(Roles.PIO, PressFixtures.KCPD);
        PressTemplate own = workflow.create(pio, PressFixtures.KCPD, notice("Boil water until ${day}."));
        workflow.submit(pio, PressFixtures.KCPD, own.id());
        problem(PressProblems.SELF_APPROVAL, "Version 1 is yours", () -> workflow.approve(pio, PressFixtures.KCPD, own.id()));
        assertThat(workflow.template(pio, PressFixtures.KCPD, own.id()).state()).isEqualTo(ReleaseState.IN_REVIEW);
        assertThat(workflow.approve(secondPio, PressFixtures.KCPD, own.id()).state()).isEqualTo(ReleaseState.APPROVED);
        assertThat(workflow.publish(pio, PressFixtures.KCPD, own.id()).selfApproved()).isFalse();

        // The second PIO edits: now the version is theirs, and the first PIO may approve it.
        workflow.edit(secondPio, PressFixtures.KCPD, own.id(), new TemplateWorkflow.Edit("Water", "Boil water.", List.of(),
                Map.of()));
        workflow.submit(secondPio, PressFixtures.KCPD, own.id());
        problem(PressProblems.SELF_APPROVAL, "Version 2 is yours", () -> workflow.approve(secondPio, PressFixtures.KCPD,
                own.id()));
        workflow.approve(pio, PressFixtures.KCPD, own.id());

        // Anything but true leaves the rule on; true lets the author approve, and the log says so.
        Caller thirdPio = PressFixtures.staff(Roles.PIO, PressFixtures.KCPD);
        PressTemplate other = workflow.create(thirdPio, PressFixtures.KCPD, notice("Roads close at noon."));
        workflow.submit(thirdPio, PressFixtures.KCPD, other.id());
        for (Object notTrue : List.of("true", 1, false)) {
            fixtures.policies.put(PressFixtures.KCPD, Map.of(FourEyes.SELF_APPROVAL, notTrue));
            problem(PressProblems.SELF_APPROVAL, "yours", () -> workflow.approve(thirdPio, PressFixtures.KCPD, other.id()));
        }
        fixtures.policies.put(PressFixtures.KCPD, Map.of(FourEyes.SELF_APPROVAL, true));
        workflow.approve(thirdPio, PressFixtures.KCPD, other.id());
        Release self = workflow.publish(admin, PressFixtures.KCPD, other.id());
        assertThat(self.selfApproved()).isTrue();
        assertThat(log.releases(PressFixtures.KCPD)).filteredOn(Release::selfApproved).containsExactly(self);
        assertThat(log.releases(PressFixtures.KCPD)).hasSize(2);
    }

    @Test
    void aVendorSeesOnlyTheTemplatesItStartedAndNothingOfAnAgencyThatDidNotGrantIt() {
        problem(PressProblems.NOT_FOUND, "No such agency", () -> workflow.create(vendor, PressFixtures.KCPD, notice("x")));
        grants.grant(PressFixtures.KCPD, vendor.account(), "Acme", admin.account());
        PressTemplate own = workflow.create(vendor, PressFixtures.KCPD, notice("own"));
        PressTemplate staff = workflow.create(pio, PressFixtures.KCPD, notice("staff"));

        assertThat(workflow.templates(vendor, PressFixtures.KCPD)).extracting(PressTemplate::id).containsExactly(own.id());
        assertThat(workflow.templates(pio, PressFixtures.KCPD)).extracting(PressTemplate::id).containsExactly(own.id(),
                staff.id());
        problem(PressProblems.NOT_FOUND, "No such template", () -> workflow.template(vendor, PressFixtures.KCPD, staff.id()));
        problem(PressProblems.NOT_FOUND, "No such template", () -> workflow.template(otherPio, PressFixtures.OTHER, own.id()));
        problem(PressProblems.NOT_FOUND, "No such agency", () -> workflow.template(otherPio, PressFixtures.KCPD, own.id()));

        grants.revoke(PressFixtures.KCPD, vendor.account());
        problem(PressProblems.NOT_FOUND, "No such agency", () -> workflow.templates(vendor, PressFixtures.KCPD));
        assertThat(workflow.versions(pio, PressFixtures.KCPD,
                own.id())).extracting(v -> v.author().vendor()).containsExactly("Acme");
    }

    @Test
    void editingMakesANewImmutableVersionAndOnlyDraftsAndPublishedTemplatesCanBeEdited() {
        PressTemplate t = workflow.create(pio, PressFixtures.KCPD, notice("Boil water."));
        workflow.edit(pio, PressFixtures.KCPD, t.id(), new TemplateWorkflow.Edit("Water", "Boil water until ${day}.",
                t.placeholders(),
                Map.of("day", "2026-12-02")));
        assertThat(workflow.template(pio, PressFixtures.KCPD, t.id()).body()).isEqualTo("Boil water until ${day}.");
        assertThat(workflow.versions(pio, PressFixtures.KCPD, t.id())).extracting(TemplateVersion::body)
                .containsExactly("Boil water.", "Boil water until ${day}.");
        assertThat(workflow.diff(pio, PressFixtures.KCPD, t.id(), 1, 2).unified()).contains("+Boil water until ${day}.");
        assertThat(workflow.render(pio, PressFixtures.KCPD, t.id(), 1).text()).isEqualTo("Boil water.");
        problem(PressProblems.NOT_FOUND, "versions 1 to 2", () -> workflow.version(pio, PressFixtures.KCPD, t.id(), 3));

        workflow.submit(pio, PressFixtures.KCPD, t.id());
        problem(PressProblems.WRONG_STATE, "IN_REVIEW", () -> workflow.edit(pio, PressFixtures.KCPD, t.id(),
                new TemplateWorkflow.Edit("t", "b", List.of(), Map.of())));
        PressTemplate rejected = workflow.reject(admin, PressFixtures.KCPD, t.id(), "Say where.");
        assertThat(rejected.state()).isEqualTo(ReleaseState.DRAFT);
        assertThat(rejected.rejectReason()).isEqualTo("Say where.");
    }

    @Test
    void theListingTakesAsManyStatementsForTwentyTemplatesAsForOne() {
        workflow.create(pio, PressFixtures.KCPD, notice("first"));
        int before = fixtures.statements.get();
        workflow.templates(pio, PressFixtures.KCPD);
        int forOne = fixtures.statements.get() - before;
        for (int i = 0; i < 19; i++) {
            workflow.create(pio, PressFixtures.KCPD, notice("more " + i));
        }
        before = fixtures.statements.get();
        assertThat(workflow.templates(pio, PressFixtures.KCPD)).hasSize(20);
        assertThat(fixtures.statements.get() - before).isEqualTo(forOne).isLessThanOrEqualTo(2);
    }

    @Test
    void aDraftThatDoesNotRenderOrExhaustsTheRenderingLimitsIsNotReviewed() {
        TemplateWorkflow small = new TemplateWorkflow(fixtures.database, fixtures.agencies, fixtures.json,
                checks, PressFixtures.config(200));
        PressTemplate undeclared = small.create(pio, PressFixtures.KCPD, notice("Until ${untilDay}."));
        problem(PlaceholderException.TYPE, "'untilDay'", () -> small.submit(pio, PressFixtures.KCPD, undeclared.id()));
        PressTemplate nested = small.create(pio, PressFixtures.KCPD, notice("${\"${''?left_pad(400000000, 'x')}\"}"));
        problem(PressProblems.NOT_ALLOWED, "?left_pad", () -> small.submit(pio, PressFixtures.KCPD, nested.id()));
        PressTemplate big = small.create(pio, PressFixtures.KCPD, notice("x".repeat(201)));
        problem(PressProblems.LIMIT, "more than 200 characters", () -> small.render(pio, PressFixtures.KCPD, big.id(), null));
        assertThat(small.template(pio, PressFixtures.KCPD, big.id()).state()).isEqualTo(ReleaseState.DRAFT);
    }

    @Test
    void aVersionIsParsedOnceHoweverOftenItIsRenderedSubmittedOrApproved() {
        PressTemplate t = workflow.create(pio, PressFixtures.KCPD, notice("Boil water until ${day}."));
        long before = workflow.renderer().parses();
        workflow.render(pio, PressFixtures.KCPD, t.id(), null);
        assertThat(workflow.renderer().parses() - before).as("title and body").isEqualTo(2);
        workflow.render(admin, PressFixtures.KCPD, t.id(), 1);
        workflow.submit(pio, PressFixtures.KCPD, t.id());
        workflow.approve(admin, PressFixtures.KCPD, t.id());
        assertThat(workflow.renderer().parses() - before).as("nothing parsed again").isEqualTo(2);

        PressTemplate refused = workflow.create(pio, PressFixtures.KCPD, notice("<#list 1..3 as i>${i}</#list>"));
        for (int i = 0; i < 3; i++) {
            problem(PressProblems.NOT_ALLOWED, "#list", () -> workflow.render(pio, PressFixtures.KCPD, refused.id(), null));
        }
        assertThat(workflow.renderer().parses() - before).as("a refused version is not parsed again either").isEqualTo(4);
        workflow.edit(pio, PressFixtures.KCPD, refused.id(), new TemplateWorkflow.Edit("Water", "Boil water.", List.of(),
                Map.of()));
        assertThat(workflow.render(pio, PressFixtures.KCPD, refused.id(), null).text()).isEqualTo("Boil water.");
        assertThat(workflow.renderer().parses() - before).as("the next version is parsed").isEqualTo(6);
    }

    @Test
    void aFailingCheckFromAnotherBundleRefusesTheApprovalNamingIt() {
        TemplateCheck calm = draft -> draft.text().contains("URGENT") ? TemplateCheck.Result.fail("No shouting.")
                : TemplateCheck.Result.pass();
        checks.addCheck(calm, TestPluginScope.registeredBy(OWN_BUNDLE, Map.of(TemplateCheck.NAME, "no-shouting")));
        checks.addCheck(draft -> TemplateCheck.Result.fail("x"), TestPluginScope.registeredBy(OWN_BUNDLE,
                Map.of(TemplateCheck.NAME, BuiltInChecks.LENGTH)));
        PressTemplate t = workflow.create(pio, PressFixtures.KCPD, notice("URGENT: boil water."));
        workflow.submit(pio, PressFixtures.KCPD, t.id());
        problem(PressProblems.CHECKS_FAILED, "no-shouting: No shouting.", () -> workflow.approve(admin, PressFixtures.KCPD,
                t.id()));
        checks.removeCheck(calm);
        assertThat(workflow.approve(admin, PressFixtures.KCPD, t.id()).checksPassed())
                .as("a check cannot take a built-in's name").doesNotContain("no-shouting").contains(BuiltInChecks.LENGTH);
    }
}
