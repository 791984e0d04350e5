package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.FixtureBundles;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;

/**
 * An agency admin's self-service in headless Chromium, by keyboard: on Plugins, the WatchKC plugin
 * the platform offers is enabled with a feed folder of the agency's own through the form its
 * metatype makes; on Own modules, the agency's own module (signed by the key the server trusts for
 * that agency) is uploaded, stopped and removed. No WCAG 2.1 AA violation on any page on the way.
 */
public class AgencyPluginsBrowserIT {

    private static final String AGENCY = Fixtures.AGENCY_PLUGIN_OWNER;
    private static final String WATCHKC = "org.porchlight.integration.watchkc";

    private static PortalServer server;

    @BeforeClass
    public static void start() throws Exception {
        server = PortalServer.shared(); // first: its home trusts the agency key this JVM signs with
        FixtureBundles.buildAgencyPlugin();
        String[] admin = server.asAdmin();
        Http.Response created = server.http().postJson("/api/agencies", "{\"code\":\"" + AGENCY + "\",\"name\":\"Own Agency\","
                + "\"timeZone\":\"America/Chicago\",\"contactEmail\":\"records@owna.example\",\"jurisdiction\":{\"type\":\"circle\","
                + "\"center\":{\"latitude\":39.0997,\"longitude\":-94.5786},\"radiusMeters\":20000}}", admin);
        assertEquals(created.body(), 201, created.status());
        Http.Response offered = server.http().upload("POST", "/api/admin/modules",
                Distribution.folder().resolve("plugins/porchlight-integration-watchkc.jar"), admin);
        assertEquals(offered.body(), 201, offered.status());
    }

    @Test
    public void anAgencyAdminEnablesWatchKcWithItsOwnFolderAndUploadsItsOwnModule() {
        String base = server.base();
        String email = server.staff(AGENCY, "AGENCY_ADMIN");
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, email);

            // Plugins: WatchKC offered, not enabled; its settings form from the metatype.
            page.get(base + "/plugins");
            WebElement row = browser.await().until(d -> d.findElements(By.id("plugin-" + WATCHKC)).stream().findFirst()
                    .orElseGet(() -> {
                        d.navigate().refresh(); // the catalogue lists it once its metatype is read
                        return null;
                    }));
            assertTrue(row.getText(), row.getText().contains("Not enabled"));
            browser.assertAccessible("plugins");
            browser.tabTo(row.findElement(By.cssSelector("a[href='/plugins/" + WATCHKC + "']"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/plugins/" + WATCHKC));
            browser.assertAccessible("plugin settings");

            // A folder leaving the agency's own is refused next to its field; then saved.
            browser.type("setting-folder", "../elsewhere");
            browser.tabTo(page.findElement(By.cssSelector("main form button[type=submit]"))).sendKeys(Keys.ENTER);
            WebElement error = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("setting-folder-error")));
            assertTrue(error.getText(), error.getText().contains(".."));
            assertEquals("true", page.findElement(By.id("setting-folder")).getAttribute("aria-invalid"));
            browser.assertAccessible("plugin settings with an error");
            browser.type("setting-folder", "feed");
            browser.tabTo(page.findElement(By.cssSelector("main form button[type=submit]"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlContains("/plugins?saved="));
            assertTrue(browser.notice(), browser.notice().contains("Saved: " + WATCHKC));
            assertTrue(page.findElement(By.id("plugin-" + WATCHKC)).getText().contains("Enabled for your agency"));

            // Own modules: no module yet; the agency's own, uploaded, stopped, removed.
            browser.tabTo(page.findElement(By.cssSelector("main a[href='/agency-modules']"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/agency-modules"));
            assertTrue(page.findElements(By.id("agency-modules-no-key")).isEmpty());
            browser.assertAccessible("agency-modules");
            browser.tabTo(page.findElement(By.id("module-file"))).sendKeys(Fixtures.agencyPluginSigned().toAbsolutePath().toString());
            browser.tabTo(page.findElement(By.cssSelector("form[action='/agency-modules/install'] button[type=submit]")))
                    .sendKeys(Keys.ENTER);
            long id = browser.awaitModuleDone("/agency-modules", "install");
            assertTrue(browser.notice(), browser.notice().contains(": ACTIVE."));
            assertTrue(page.findElement(By.id("module-" + id)).getText().contains(Fixtures.AGENCY_PLUGIN));
            browser.screenshot("agency-modules-installed");
            browser.assertAccessible("agency-modules after an install");

            browser.confirm(browser.moduleButton(id, "stop"));
            assertEquals(id, browser.awaitModuleDone("/agency-modules", "stop"));
            assertTrue(browser.notice(), browser.notice().contains("RESOLVED"));
            browser.confirm(browser.moduleButton(id, "uninstall"));
            assertEquals(id, browser.awaitModuleDone("/agency-modules", "uninstall"));
            assertTrue("no row left", page.findElements(By.id("module-" + id)).isEmpty());
        }
    }
}
