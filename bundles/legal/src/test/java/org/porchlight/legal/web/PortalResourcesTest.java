package org.porchlight.legal.web;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.porchlight.testing.PortalResources;

class PortalResourcesTest {

    @Test
    void templatesHaveNoInlineScriptOrStyleAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }
}
