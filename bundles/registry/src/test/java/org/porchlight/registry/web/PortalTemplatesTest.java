package org.porchlight.registry.web;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.porchlight.testing.PortalResources;

/** The registry's templates and texts, as the portal's policy and its two languages need them. */
class PortalTemplatesTest {

    private static final Path UI = Path.of("src/main/resources/ui");

    @Test
    void noTemplateUsesAnInlineScriptOrStyle() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(UI);
    }

    @Test
    void everyTextHasItsSpanish() throws Exception {
        PortalResources.assertEveryTextTranslated(UI);
    }
}
