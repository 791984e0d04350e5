package org.porchlight.identity.web;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.porchlight.testing.PortalResources;

class PortalResourcesTest {

    private static final Path UI = Path.of("src/main/resources/ui");

    @Test
    void noTemplateReliesOnAnInlineScriptOrStyle() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(UI);
    }

    @Test
    void everyTextHasItsSpanish() throws Exception {
        PortalResources.assertEveryTextTranslated(UI);
    }
}
