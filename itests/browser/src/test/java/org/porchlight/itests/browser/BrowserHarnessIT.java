package org.porchlight.itests.browser;

import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

/** The harness itself: the accessibility check must be able to fail, and screenshots must land on disk. */
public class BrowserHarnessIT {

    @Test
    public void theAccessibilityCheckNamesWhatIsWrongOnAPageWithViolations() throws Exception {
        String page = "<!DOCTYPE html><html><head><title>broken</title></head><body><main><img src='x.png'>"
                + "<input type='text'><a href='/'></a></main></body></html>";
        try (Browser browser = Browser.open("en")) {
            browser.driver().get("data:text/html;charset=utf-8," + URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));
            AssertionError failure = assertThrows(AssertionError.class, () -> browser.assertAccessible("broken"));
            for (String rule : new String[] {"html-has-lang", "image-alt", "label", "link-name"}) {
                assertTrue(failure.getMessage(), failure.getMessage().contains(rule));
            }
            Path shot = browser.screenshot("harness-broken");
            assertTrue(Files.size(shot) > 0);
        }
    }
}
