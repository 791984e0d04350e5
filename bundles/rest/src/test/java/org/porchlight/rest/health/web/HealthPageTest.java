package org.porchlight.rest.health.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.security.Roles;
import org.porchlight.rest.health.HealthReport;
import org.porchlight.testing.PortalResources;

class HealthPageTest {

    @Test
    void templatesHaveNoInlineScriptsAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }

    @Test
    void onlyPlatformAdmins() {
        assertThat(HealthPage.INFO.roles()).containsExactly(Roles.PLATFORM_ADMIN);
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyCheckWithItsStatusCriticalityAndDetailsInNameOrder() {
        HealthReport report = new HealthReport(HealthReport.DEGRADED, "mail: no relay", Map.of(
                "mail", new HealthReport.Check("DOWN", false, Map.of("reason", "no relay")),
                "database", new HealthReport.Check("UP", true, Map.of("pool", 4, "url", "jdbc:h2:mem")),
                "runtime", new HealthReport.Check("UP", false, Map.of("failedComponents", List.of(),
                        "inactiveBundles", List.of(Map.of("bundle", "x", "reason", "RESOLVED"))))));
        Map<String, Object> model = HealthPage.model(report);
        assertThat(model).containsEntry("status", "DEGRADED").containsEntry("up", false).containsEntry("reason", "mail: no relay");
        List<Map<String, Object>> checks = (List<Map<String, Object>>) model.get("checks");
        assertThat(checks).extracting(c -> c.get("name")).containsExactly("database", "mail", "runtime");
        assertThat(checks.get(0)).containsEntry("critical", true).containsEntry("up", true);
        assertThat(checks.get(1)).containsEntry("status", "DOWN").containsEntry("up", false);
        assertThat((List<Map<String, Object>>) checks.get(0).get("details")).extracting(d -> d.get("key"))
                .containsExactly("pool", "url");
        assertThat((List<Map<String, Object>>) checks.get(2).get("details")).extracting(d -> d.get("value"))
                .containsExactly("—", "bundle=x, reason=RESOLVED");
    }
}
