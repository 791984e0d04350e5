package org.porchlight.incentives.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.porchlight.testing.PortalResources;

class PortalResourcesTest {

    private static final Path UI = Path.of("src/main/resources/ui");

    @Test
    void noTemplateReliesOnAnInlineScriptOrStyle() throws IOException {
        PortalResources.assertNoInlineScriptsOrStyles(UI);
    }

    @Test
    void everyTextHasItsSpanish() throws IOException {
        PortalResources.assertEveryTextTranslated(UI);
    }

    @Test
    void thePublicPageLoadsTheScriptThisBundleServes() throws IOException {
        assertThat(PublicRafflePage.SCRIPT).isEqualTo("/static/incentives/raffle-check.js");
        Path script = Path.of("src/main/resources" + PublicRafflePage.SCRIPT);
        assertThat(Files.readString(script, StandardCharsets.UTF_8)).contains("crypto.subtle.digest('SHA-256'")
                .contains("getBigUint64(0, false)").doesNotContain("eval(").doesNotContain("innerHTML");
    }

    @Test
    void everyProblemShownOnAFormHasItsText() throws IOException {
        String en = Files.readString(UI.resolve("messages.properties"), StandardCharsets.UTF_8);
        for (String problem : List.of("insufficient-balance", "raffle-closed", "too-many-entrants", "not-found",
                "unknown-referral-code", "referral-code-not-yet-valid", "referral-code-expired", "referral-code-used-up",
                "already-attributed", "referral-grace-period-over")) {
            assertThat(en).contains("incentives.form.problem." + problem + "=");
        }
    }
}
