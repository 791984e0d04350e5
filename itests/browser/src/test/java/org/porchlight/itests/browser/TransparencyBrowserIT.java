package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The public transparency pages and the legal pages in headless Chromium: a visitor opens the list
 * of agencies and KCPD's transparency page (charts as titled images with their tables), and an
 * officer records a legal demand through the form; every page passes axe's WCAG 2.1 AA checks.
 */
public class TransparencyBrowserIT {

    private static PortalServer server;
    private static String base;

    @BeforeClass
    public static void start() throws Exception {
        server = PortalServer.shared();
        base = server.base();
    }

    @Test
    public void aVisitorOpensTheAgenciesAndAnAgencysTransparencyPage() {
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            page.get(base + "/agencies");
            assertEquals("Agencies and their figures", page.findElement(By.tagName("h1")).getText());
            browser.assertAccessible("agencies");

            page.findElement(By.cssSelector("a[href='/agencies/" + PortalServer.AGENCY + "']")).click();
            browser.await().until(ExpectedConditions.urlToBe(base + "/agencies/" + PortalServer.AGENCY));
            List<WebElement> charts = page.findElements(By.cssSelector("svg.chart[role='img']"));
            assertFalse("charts", charts.isEmpty());
            for (WebElement chart : charts) {
                assertFalse(chart.findElement(By.tagName("title")).getAttribute("textContent").isBlank());
            }
            assertEquals(charts.size(), page.findElements(By.cssSelector("figure table caption")).size());
            assertTrue(page.findElement(By.tagName("main")).getText().contains("About these figures"));
            browser.screenshot("transparency-agency");
            browser.assertAccessible("transparency page");
            ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView(true);", charts.get(0));
            browser.screenshot("transparency-agency-chart");

            page.findElement(By.linkText("Public request log")).click();
            browser.await().until(ExpectedConditions.urlToBe(base + "/agencies/" + PortalServer.AGENCY + "/requests"));
            browser.assertAccessible("public request log");
        }
    }

    @Test
    public void anOfficerRecordsALegalDemand() {
        String officer = server.staff("OFFICER");
        String caseNumber = "BR-" + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, officer);
            page.get(base + "/legal");
            browser.assertAccessible("legal");
            page.findElement(By.linkText("Record a legal demand")).click();
            browser.await().until(ExpectedConditions.urlToBe(base + "/legal/demands/new"));
            browser.assertAccessible("legal demand form");

            new Select(page.findElement(By.id("kind"))).selectByValue("SUBPOENA");
            browser.type("caseNumber", caseNumber);
            browser.type("documentReference", "Docket 26-CV-0099");
            browser.type("vendor", "Acme Doorbells");
            browser.type("scope", "Account 4411, front door camera, 1 October 08:00-09:00");
            LocalDate today = LocalDate.now(ZoneId.of("America/Chicago"));
            set(page, "footageFrom", "2026-10-01T08:00");
            set(page, "footageTo", "2026-10-01T09:00");
            set(page, "issuedOn", today.minusDays(2).toString());
            set(page, "servedOn", today.toString());
            page.findElement(By.cssSelector("main form button[type=submit]")).click();
            browser.await().until(ExpectedConditions.urlContains("/legal/demands/"));
            assertFalse(page.getCurrentUrl().endsWith("/new"));
            assertEquals("Served", page.findElement(By.id("demand-status")).getText());
            browser.assertAccessible("legal demand");

            page.get(base + "/legal");
            assertTrue(page.findElement(By.id("demands")).getText().contains(caseNumber));
            browser.screenshot("legal-demands");
        }
    }

    /** Date and time inputs take their value as the form posts it, whatever the browser's own widget looks like. */
    private static void set(WebDriver page, String id, String value) {
        ((JavascriptExecutor) page).executeScript("arguments[0].value = arguments[1];", page.findElement(By.id(id)), value);
    }
}
