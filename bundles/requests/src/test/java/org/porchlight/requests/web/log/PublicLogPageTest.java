package org.porchlight.requests.web.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.requests.PublicRequestLog;
import org.porchlight.requests.RequestState;
import org.porchlight.testing.PortalResources;

class PublicLogPageTest {

    @Test
    void anEntryShowsTheRoughAreaTheDatesAndTheStatusAndNothingElse() {
        UUID id = UUID.randomUUID();
        Map<String, Object> entry = PublicLogPage.entry(new PublicRequestLog.Entry(id, IncidentType.PACKAGE_THEFT,
                new PublicRequestLog.CoarseArea(39.1, -94.58, 0.25), LocalDate.of(2026, 11, 2), null, RequestState.ACTIVE));
        assertThat(entry).containsOnlyKeys("id", "incidentType", "latitude", "longitude", "squareMiles", "activatedOn", "status")
                .containsEntry("latitude", "39.10").containsEntry("longitude", "-94.58").containsEntry("squareMiles", "0.25")
                .containsEntry("activatedOn", "2026-11-02").containsEntry("incidentType", "PACKAGE_THEFT");
    }

    @Test
    void everyIncidentTypeAndStateHasItsTextAndTheTemplatesNoInlineScript() throws Exception {
        Path ui = Path.of("src/main/resources/ui");
        PortalResources.assertNoInlineScriptsOrStyles(ui);
        PortalResources.assertEveryTextTranslated(ui);
        String texts = java.nio.file.Files.readString(ui.resolve("messages.properties"));
        for (IncidentType type : IncidentType.values()) {
            assertThat(texts).contains("requests.log.incident." + type.name() + "=");
        }
        for (RequestState state : RequestState.values()) {
            assertThat(texts).contains("requests.log.state." + state.name() + "=");
        }
    }
}
