package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The platform admin's pages in headless Chromium: the modules with their provenance, a notifier
 * stopped (after the confirmation) and started again, the health checks, and the audit log with
 * the chain verified; no WCAG 2.1 AA violation on any of them.
 */
public class AdminBrowserIT {

    private static final String NOTIFIER = "org.porchlight.notify.webhook";

    private static PortalServer server;

    @BeforeClass
    public static void start() throws Exception {
        server = PortalServer.shared();
    }

    @Test
    public void thePlatformAdminStopsAndStartsANotifierAndChecksHealthAndTheAuditLog() {
        String base = server.base();
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, PortalServer.ADMIN);

            page.findElement(By.cssSelector("nav.site-nav a[href='/admin/modules']")).click();
            browser.await().until(ExpectedConditions.urlToBe(base + "/admin/modules"));
            assertEquals("Modules", page.findElement(By.tagName("h1")).getText());
            WebElement row = notifierRow(page);
            assertTrue(row.getText(), row.getText().contains("Shipped with the server") && row.getText().contains("ACTIVE"));
            browser.screenshot("admin-modules");
            browser.assertAccessible("admin-modules");

            // stop: the button asks first; declining changes nothing, accepting stops it
            WebElement stop = row.findElement(By.cssSelector("form[action$='/stop'] button"));
            stop.sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.alertIsPresent()).dismiss();
            assertTrue(notifierRow(page).getText().contains("ACTIVE"));
            notifierRow(page).findElement(By.cssSelector("form[action$='/stop'] button")).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.alertIsPresent()).accept();
            browser.await().until(ExpectedConditions.urlContains("done=stop"));
            assertTrue(page.findElement(By.cssSelector("main .notice")).getText().contains("RESOLVED"));
            assertTrue(notifierRow(page).getText().contains("RESOLVED"));
            browser.assertAccessible("admin-modules after a stop");

            notifierRow(page).findElement(By.cssSelector("form[action$='/start'] button")).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlContains("done=start"));
            assertTrue(notifierRow(page).getText().contains("ACTIVE"));

            page.findElement(By.cssSelector("nav.site-nav a[href='/admin/health']")).click();
            browser.await().until(ExpectedConditions.urlToBe(base + "/admin/health"));
            assertEquals("Server health", page.findElement(By.tagName("h1")).getText());
            assertTrue(page.findElement(By.id("check-runtime")).isDisplayed());
            assertTrue(page.findElement(By.id("check-modules")).getText().contains("UP"));
            browser.screenshot("admin-health");
            browser.assertAccessible("admin-health");

            page.findElement(By.cssSelector("nav.site-nav a[href='/audit']")).click();
            browser.await().until(ExpectedConditions.urlToBe(base + "/audit"));
            String log = page.findElement(By.tagName("main")).getText();
            assertTrue(log, log.contains("module.stop") && log.contains("module.start"));
            page.findElement(By.id("verify-button")).sendKeys(Keys.ENTER);
            WebElement verification = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("verification")));
            assertTrue(verification.getText(), verification.getText().startsWith("The chain is intact"));
            browser.type("audit-action", "module.");
            page.findElement(By.id("audit-action")).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlContains("action=module."));
            String filtered = page.findElement(By.cssSelector("main table")).getText();
            assertTrue(filtered, filtered.contains("module.stop") && !filtered.contains("portal.sign-in"));
            ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView()", page.findElement(By.id("entries-heading")));
            browser.screenshot("audit-log");
            browser.assertAccessible("audit-log");
        }
    }

    private static WebElement notifierRow(WebDriver page) {
        for (WebElement row : page.findElements(By.cssSelector("main table tbody tr"))) {
            if (row.findElement(By.tagName("th")).getText().contains(NOTIFIER)) {
                return row;
            }
        }
        throw new AssertionError("no row for " + NOTIFIER + " on " + page.getCurrentUrl());
    }
}
