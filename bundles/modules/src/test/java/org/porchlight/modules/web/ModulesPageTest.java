package org.porchlight.modules.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.modules.ModuleView;
import org.porchlight.testing.PortalResources;

class ModulesPageTest {

    @Test
    void templatesHaveNoInlineScriptsAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }

    @Test
    void onlyPlatformAdminsSeeThePageInTheAdminGroup() {
        assertThat(ModulesPage.INFO.roles()).containsExactly(Roles.PLATFORM_ADMIN);
        assertThat(ModulesPage.INFO.group()).isEqualTo(PageInfo.GROUP_ADMIN);
        assertThat(ModulesPage.INFO.serves("/admin/modules/12/stop")).isTrue();
    }

    @Test
    void aModuleRowShowsItsProvenanceAndWhatCanBeDone() {
        ModuleView vendor = new ModuleView(42, "org.example.notify", "Example notifier", "2.0.0", "ACTIVE", "vendor",
                "itest", "0123456789abcdef0123", false, List.of("a.B"), List.of(), "1.0.0", null, Instant.parse("2026-01-02T03:04:05Z"));
        Map<String, Object> row = ModulesPage.row(vendor);
        assertThat(row).containsEntry("label", "Example notifier").containsEntry("provenance", "vendor")
                .containsEntry("publisher", "itest").containsEntry("shortSha", "0123456789ab").containsEntry("active", true)
                .containsEntry("previousVersion", "1.0.0").containsEntry("removable", true)
                .containsEntry("changedAt", "2026-01-02T03:04:05Z").containsEntry("problem", "");

        ModuleView core = new ModuleView(7, "org.porchlight.notify.email", null, "0.1.0", "RESOLVED", "core", null, null, false,
                null, null, null, "unresolved", null);
        Map<String, Object> coreRow = ModulesPage.row(core);
        assertThat(coreRow).containsEntry("label", "org.porchlight.notify.email").containsEntry("removable", false)
                .containsEntry("active", false).containsEntry("publisher", "").containsEntry("sha256", "")
                .containsEntry("services", 0).containsEntry("problem", "unresolved");
    }
}
