package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.porchlight.itests.support.AdminFixtureBundle;

/**
 * A vendor's module with a portal page of its own (the fixture of itests/osgi's AdminPagesIT, signed by the
 * test vendor whom the server trusts), handled by the platform admin on /admin/modules in headless Chromium,
 * by keyboard: uploaded, its page appears in the navigation; updated to 2.0.0, the same page shows the new
 * version with the server still the same process; stopped, the page leaves the navigation and the portal;
 * started, it is back; uninstalled, it is gone. No WCAG 2.1 AA violation on any page on the way.
 */
public class ModulesBrowserIT {

    private static final By PAGE_LINK = By.cssSelector("nav.site-nav a[href='" + AdminFixtureBundle.PAGE + "']");

    private static PortalServer server;

    @BeforeClass
    public static void start() throws Exception {
        server = PortalServer.shared(); // first: its home trusts the vendor key this JVM signs with
        AdminFixtureBundle.build();
    }

    @Test
    public void thePlatformAdminUpdatesAVendorsModuleAndItsPageChangesComesAndGoesWithoutARestart() {
        String base = server.base();
        long pid = server.process().process().pid();
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, PortalServer.ADMIN);
            page.get(base + "/admin/modules");
            assertTrue("not installed yet", page.findElements(PAGE_LINK).isEmpty());

            browser.tabTo(page.findElement(By.id("module-file"))).sendKeys(upload(AdminFixtureBundle.signed()));
            browser.tabTo(page.findElement(By.cssSelector("form[action='/admin/modules/install'] button[type=submit]")))
                    .sendKeys(Keys.ENTER);
            long id = browser.awaitModuleDone("/admin/modules", "install");
            assertTrue(browser.notice(), browser.notice().contains("Installed Itest module page 1.0.0: ACTIVE."));
            String row = page.findElement(By.id("module-" + id)).getText();
            assertTrue(row, row.contains(AdminFixtureBundle.SYMBOLIC_NAME) && row.contains("Vendor (trusted key)"));
            awaitNavigation(browser, true);
            browser.screenshot("admin-modules-installed");
            browser.assertAccessible("admin-modules after an install");

            browser.tabTo(page.findElement(PAGE_LINK)).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + AdminFixtureBundle.PAGE));
            assertEquals("Fixture module page", page.findElement(By.tagName("h1")).getText());
            assertEquals("1.0.0", page.findElement(By.id("module-version")).getText());
            browser.assertAccessible("the module's own page");

            // update: the form is folded in the module's row; the button asks first
            page.get(base + "/admin/modules");
            WebElement module = page.findElement(By.id("module-" + id));
            browser.tabTo(module.findElement(By.tagName("summary"))).sendKeys(Keys.ENTER);
            browser.tabTo(page.findElement(By.id("update-" + id))).sendKeys(upload(AdminFixtureBundle.signedUpdate()));
            browser.tabTo(module.findElement(By.cssSelector("form[action$='/update'] button[type=submit]"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.alertIsPresent()).accept();
            assertEquals(id, browser.awaitModuleDone("/admin/modules", "update"));
            assertTrue(browser.notice(), browser.notice().contains("Updated Itest module page to 2.0.0: ACTIVE."));
            assertTrue(page.findElement(By.id("module-" + id)).getText().contains("Rollback to 1.0.0 possible"));
            browser.assertAccessible("admin-modules after an update"); // with the rollback it allows now

            page.findElement(PAGE_LINK); // still listed after the update
            page.get(base + AdminFixtureBundle.PAGE);
            browser.await().until(d -> {
                if (!d.findElements(By.cssSelector("#module-version")).isEmpty()
                        && "2.0.0".equals(d.findElement(By.id("module-version")).getText())) {
                    return true;
                }
                d.navigate().refresh();
                return false;
            });
            assertEquals("no restart: the same server process", pid, server.process().process().pid());
            assertTrue(server.process().process().isAlive());
            browser.screenshot("module-page-updated");
            browser.assertAccessible("the module's page after the update");

            // stopped: its page leaves the navigation and the portal
            page.get(base + "/admin/modules");
            browser.confirm(browser.moduleButton(id, "stop"));
            assertEquals(id, browser.awaitModuleDone("/admin/modules", "stop"));
            assertTrue(browser.notice(), browser.notice().contains("RESOLVED"));
            awaitNavigation(browser, false);
            assertGone(page, base);

            page.get(base + "/admin/modules");
            browser.tabTo(browser.moduleButton(id, "start")).sendKeys(Keys.ENTER);
            assertEquals(id, browser.awaitModuleDone("/admin/modules", "start"));
            awaitNavigation(browser, true);

            // uninstalled: gone for good
            browser.confirm(browser.moduleButton(id, "uninstall"));
            assertEquals(id, browser.awaitModuleDone("/admin/modules", "uninstall"));
            awaitNavigation(browser, false);
            assertTrue("no row left", page.findElements(By.id("module-" + id)).isEmpty());
            assertGone(page, base);
        }
    }

    /** The path typed into the focused file input stands in for the system's file dialog, which WebDriver cannot drive. */
    private static String upload(Path jar) {
        return jar.toAbsolutePath().toString();
    }

    /**
     * Waits until the navigation lists the module's page ({@code listed}) or not, reloading: a module's
     * pages are registered as its bundle starts, which may come a moment after the answer.
     */
    private static void awaitNavigation(Browser browser, boolean listed) {
        browser.await().withMessage("the module's page " + (listed ? "in" : "out of") + " the navigation").until(d -> {
            if (d.findElements(PAGE_LINK).isEmpty() != listed) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
    }

    private static void assertGone(WebDriver page, String base) {
        page.get(base + AdminFixtureBundle.PAGE);
        assertEquals("Page not found", page.findElement(By.tagName("h1")).getText());
        assertTrue(page.findElements(By.id("module-version")).isEmpty());
    }
}
