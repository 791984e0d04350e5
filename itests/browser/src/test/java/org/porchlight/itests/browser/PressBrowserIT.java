package org.porchlight.itests.browser;

import static org.junit.Assert.assertTrue;

import java.util.UUID;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The press journey in headless Chromium: a PIO writes a release and previews it in place, edits it and compares
 * the versions, submits; the agency admin approves; the PIO publishes after seeing the text and its disclosure; a
 * visitor reads it on the agency's release log. No WCAG 2.1 AA violation on any page on the way.
 */
public class PressBrowserIT {

    private static PortalServer server;

    @BeforeClass
    public static void start() throws Exception {
        server = PortalServer.shared();
    }

    @Test
    public void aPioPublishesAnApprovedReleaseWithItsDisclosureAndAVisitorReadsItOnTheLog() {
        String pio = server.staff("PIO");
        String admin = server.staff("AGENCY_ADMIN");
        String title = "Water main repair " + UUID.randomUUID().toString().substring(0, 6);
        String base = server.base();
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, pio);
            page.get(base + "/press");
            browser.assertAccessible("press templates");
            page.findElement(By.linkText("Write a new template")).click();
            browser.await().until(ExpectedConditions.urlToBe(base + "/press/new"));
            browser.type("title", title + " in ${agency}");
            browser.type("body", "Crews repair the water main on ${day}.\n\nQuestions: call ${phone}.");
            browser.type("placeholders", "agency AGENCY_NAME\nday DATE = 2026-12-14\nphone TEXT");
            page.findElement(By.cssSelector("button[value=preview]")).click();
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "December 14, 2026"));
            assertTrue("the preview stays on the editor (htmx)", page.getCurrentUrl().endsWith("/press/new"));
            assertTrue(page.findElement(By.id("preview")).getText().contains("[phone]"));
            ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView()", page.findElement(By.id("preview-heading")));
            browser.screenshot("press-editor");
            browser.assertAccessible("press editor with a preview");

            browser.type("placeholders", "agency AGENCY_NAME\nday DATE = 2026-12-14\nphone TEXT = 311");
            page.findElement(By.cssSelector("button[value=save]")).click();
            browser.await().until(ExpectedConditions.urlMatches("/press/[0-9a-f-]{36}$"));
            String template = page.getCurrentUrl();
            browser.type("body", "Crews repair the water main on ${day}, from 8 a.m.\n\nQuestions: call ${phone}.");
            page.findElement(By.cssSelector("button[value=save]")).click();
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "Changes from 1 to 2"));
            browser.assertAccessible("press editor, version 2");
            page.findElement(By.linkText("Changes from 1 to 2")).click();
            browser.await().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.diff ins")));
            assertTrue(page.findElement(By.cssSelector("pre.diff ins")).getText().contains("from 8 a.m."));
            browser.screenshot("press-diff");
            browser.assertAccessible("press diff");

            page.get(template);
            page.findElement(By.cssSelector("button[value=submit]")).click();
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("dl.facts"), "In review"));
            page.findElement(By.cssSelector("form.sign-out button")).click();
            browser.await().until(ExpectedConditions.urlToBe(base + "/"));

            server.signIn(page, admin);
            page.get(template);
            page.findElement(By.cssSelector("button[value=approve]")).click();
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("dl.facts"), "Approved"));
            page.findElement(By.cssSelector("form.sign-out button")).click();
            browser.await().until(ExpectedConditions.urlToBe(base + "/"));

            server.signIn(page, pio);
            page.get(template);
            assertTrue(page.findElement(By.id("approval")).getText().contains("approved by Agency administrator"));
            assertTrue(page.findElement(By.id("disclosure-shown")).isDisplayed());
            browser.assertAccessible("press editor, ready to publish");
            page.findElement(By.cssSelector("button[value=publish]")).click();
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("dl.facts"), "Published"));
            page.findElement(By.cssSelector("form.sign-out button")).click();
            browser.await().until(ExpectedConditions.urlToBe(base + "/"));

            page.get(base + "/agencies/" + PortalServer.AGENCY + "/releases");
            String log = page.findElement(By.tagName("main")).getText();
            assertTrue(log, log.contains(title + " in Kansas City Police"));
            assertTrue(log, log.contains("from 8 a.m."));
            assertTrue(log, log.contains("Approved by"));
            browser.screenshot("press-releases");
            browser.assertAccessible("press release log");
        }
    }
}
