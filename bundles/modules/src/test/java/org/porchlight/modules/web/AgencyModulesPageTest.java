package org.porchlight.modules.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageView;
import org.porchlight.modules.AgencyModules;
import org.porchlight.modules.ModuleManager.Source;
import org.porchlight.modules.ModuleView;
import org.porchlight.testing.TestPageRequest;

/** An agency admin's own modules in the portal: the agency's modules only, uploads within the limit, PRG, refusals shown. */
class AgencyModulesPageTest {

    private static final Caller ADMIN = new Caller(UUID.randomUUID(), Roles.AGENCY_ADMIN, "KCPD", Caller.Credential.TOKEN, "t");

    private final FakeModules modules = new FakeModules();
    private final AgencyModulesPage page = new AgencyModulesPage(modules);

    @Test
    void onlyAgencyAdminsSeeThePageInTheAdminGroup() {
        assertThat(AgencyModulesPage.INFO.roles()).containsExactly(Roles.AGENCY_ADMIN);
        assertThat(AgencyModulesPage.INFO.group()).isEqualTo(PageInfo.GROUP_ADMIN);
        assertThat(AgencyModulesPage.INFO.serves("/agency-modules/12/stop")).isTrue();
    }

    @Test
    void theListShowsTheCallersAgencysModulesAndWhetherItHasAKey() {
        PageView view = page.render(get().as(ADMIN));

        assertThat(modules.asked).containsExactly("KCPD");
        assertThat(view.template()).isEqualTo("agency-modules");
        assertThat(view.model()).containsEntry("agency", "KCPD").containsEntry("keyTrusted", true).containsEntry("maxMegabytes", 2L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) view.model().get("modules");
        assertThat(rows).singleElement().satisfies(row -> assertThat(row).containsEntry("id", 42L)
                .containsEntry("publisher", "KCPD").containsEntry("provenance", "agency"));
    }

    @Test
    void onlyTheInstallAndUpdateFormsMayCarryAFile() {
        assertThat(page.uploadLimit(post().as(ADMIN).at("install"))).isGreaterThan(2L * 1024 * 1024);
        assertThat(page.uploadLimit(post().as(ADMIN).at("42/update"))).isGreaterThan(2L * 1024 * 1024);
        assertThat(page.uploadLimit(post().as(ADMIN).at("42/stop"))).isZero();
        assertThat(page.uploadLimit(post().as(ADMIN).at("42/uninstall"))).isZero();
    }

    @Test
    void anUploadedModuleIsInstalledForTheCallersAgencyAndItsFileDeletedAfterwards() {
        Optional<PageView> done = page.submit(post().as(ADMIN).at("install").withUpload("module", "own.jar", new byte[] {1, 2, 3}));

        assertThat(done).get().extracting(PageView::redirect).isEqualTo("/agency-modules?done=install&id=42");
        assertThat(modules.changes).containsExactly("install KCPD PORTAL 3 bytes");
        assertThat(modules.files).allSatisfy(file -> assertThat(file).doesNotExist());
    }

    @Test
    void anInstallWithoutAFileOrTooLargeIsRefusedOnThePage() {
        PageView none = page.submit(post().as(ADMIN).at("install")).orElseThrow();
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.model()).containsEntry("error", "Choose a module file (.jar) to upload.");

        PageView large = page.submit(post().as(ADMIN).at("install")
                .withUpload("module", "big.jar", new byte[2 * 1024 * 1024 + 1])).orElseThrow();
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.model().get("error").toString()).contains("2 MB");
        assertThat(modules.changes).isEmpty();
    }

    @Test
    void anotherAgencysModuleIsNotFoundAndNothingHappensToIt() {
        for (String action : List.of("stop", "start", "uninstall")) {
            PageView refused = page.submit(post().as(ADMIN).at("7/" + action)).orElseThrow();
            assertThat(refused.status()).isEqualTo(404);
        }
        assertThat(modules.changes).isEmpty();
    }

    @Test
    void theManagersRefusalShowsWithItsReason() {
        modules.refusal = "The module was refused: an agency's own module must be signed by a key the platform trusts "
                + "for that agency (etc/trust/agency/KCPD/), and this file is not";
        PageView refused = page.submit(post().as(ADMIN).at("install").withUpload("module", "own.jar", new byte[] {1}))
                .orElseThrow();
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.model().get("error").toString()).contains("etc/trust/agency/KCPD/");
    }

    @Test
    void aStopIsDoneForTheAgencyAndRedirects() {
        Optional<PageView> done = page.submit(post().as(ADMIN).at("42/stop"));
        assertThat(done).get().extracting(PageView::redirect).isEqualTo("/agency-modules?done=stop&id=42");
        assertThat(modules.changes).containsExactly("stop KCPD 42");
    }

    private static TestPageRequest get() {
        return TestPageRequest.get(AgencyModulesPage.PATH, Map.of());
    }

    private static TestPageRequest post() {
        return TestPageRequest.post(AgencyModulesPage.PATH, Map.of("csrf", "t"));
    }

    /** The agency KCPD owns module 42 and nothing else; a refusal set beforehand refuses the next install. */
    private static final class FakeModules extends AgencyModules {

        final List<String> asked = new ArrayList<>();
        final List<String> changes = new ArrayList<>();
        final List<Path> files = new ArrayList<>();
        String refusal;

        FakeModules() {
            super(null);
        }

        @Override
        public List<ModuleView> list(String agency) {
            asked.add(agency);
            return "KCPD".equals(agency) ? List.of(view()) : List.of();
        }

        @Override
        public ModuleView module(String agency, long id) {
            return view();
        }

        @Override
        public boolean keyTrusted(String agency) {
            return true;
        }

        @Override
        public long maxUploadBytes() {
            return 2L * 1024 * 1024;
        }

        @Override
        public ModuleView install(String agency, Path file, Source source, Actor actor) {
            if (refusal != null) {
                throw new ProblemException(ProblemType.named("module-refused", "Module refused", 422), refusal);
            }
            files.add(file);
            try {
                changes.add("install " + agency + " " + source + " " + Files.size(file) + " bytes");
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
            return view();
        }

        @Override
        public ModuleView stop(String agency, long id, Source source, Actor actor) {
            changes.add("stop " + agency + " " + owned(agency, id));
            return view();
        }

        @Override
        public ModuleView start(String agency, long id, Source source, Actor actor) {
            changes.add("start " + agency + " " + owned(agency, id));
            return view();
        }

        @Override
        public ModuleView uninstall(String agency, long id, Source source, Actor actor) {
            changes.add("uninstall " + agency + " " + owned(agency, id));
            return view();
        }

        @Override
        public long owned(String agency, long id) {
            if (!("KCPD".equals(agency) && id == 42)) {
                throw new ProblemException(ProblemType.NOT_FOUND, "The agency has no module " + id + ".");
            }
            return id;
        }

        private static ModuleView view() {
            return new ModuleView(42, "org.kcpd.rules", "KCPD rules", "1.0.0", "ACTIVE", "agency", "KCPD", "abcdef0123456789",
                    false, List.of(), List.of(), null, null, Instant.parse("2026-12-01T10:00:00Z"));
        }
    }
}
