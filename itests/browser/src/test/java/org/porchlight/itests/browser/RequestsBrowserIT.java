package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The agency's footage-request journey in headless Chromium: an officer drafts a request by keyboard
 * (the area typed as corners, no map needed), sees the policy refuse a window that is too long, fixes it
 * and submits it for approval; a supervisor approves it, which asks the owners; the officer sees it active
 * and closes it. No WCAG 2.1 AA violation on any page on the way.
 */
public class RequestsBrowserIT {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    /** About 0.31 square miles in Kansas City: inside KCPD's jurisdiction, large enough to need a supervisor. */
    private static final String AREA = "39.0997, -94.5786\n39.1078, -94.5786\n39.1078, -94.5682\n39.0997, -94.5682";

    private static PortalServer server;

    @BeforeClass
    public static void start() throws Exception {
        server = PortalServer.shared();
    }

    @Test
    public void anOfficerDraftsByKeyboardASupervisorApprovesAndTheOfficerSeesItActive() {
        String officer = server.staff("OFFICER");
        String supervisor = server.staff("SUPERVISOR");
        String caseNumber = "BR-" + UUID.randomUUID().toString().substring(0, 8);
        String base = server.base();
        String requestUrl;
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, officer);
            page.get(base + "/requests");
            assertEquals("Footage requests", page.findElement(By.tagName("h1")).getText());
            browser.assertAccessible("requests-list");

            browser.tabTo(page.findElement(By.linkText("Draft a request"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/requests/new"));
            browser.assertAccessible("requests-new");

            // Every field by keyboard; the window is 20 hours long: too long for the policy.
            LocalDateTime hour = LocalDateTime.now(CHICAGO).truncatedTo(ChronoUnit.HOURS);
            LocalDateTime end = hour.minusHours(26);
            browser.tabTo(page.findElement(By.id("caseNumber"))).sendKeys(caseNumber);
            browser.tabTo(page.findElement(By.id("incidentType"))).sendKeys("Burglary");
            dateTime(browser, "windowStart", end.minusHours(20));
            dateTime(browser, "windowEnd", end);
            WebElement area = browser.tabTo(page.findElement(By.id("area")));
            area.sendKeys(AREA);
            browser.tabTo(page.findElement(By.id("message"))).sendKeys("Any footage of a grey van on the street helps.");
            // Live feedback (htmx) on leaving a field: the rule is named before anything is saved.
            browser.tabTo(page.findElement(By.id("expiresAt")));
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-feedback"), "Window too long"));
            browser.assertAccessible("requests-new with live feedback");

            browser.tabTo(page.findElement(By.cssSelector("main form button[type=submit]"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("windowEnd-error")));
            assertTrue(page.findElement(By.id("windowEnd-error")).getText().contains("Window too long"));
            assertEquals("what was typed comes back", caseNumber, page.findElement(By.id("caseNumber")).getAttribute("value"));
            browser.screenshot("requests-new");
            browser.assertAccessible("requests-new refused");

            // Fixed: two hours; saved, then submitted for approval (the area is above the approval size).
            dateTime(browser, "windowStart", end.minusHours(2));
            browser.tabTo(page.findElement(By.id("expiresAt")));
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.id("policy-feedback"), "A supervisor must approve"));
            browser.tabTo(page.findElement(By.cssSelector("main form button[type=submit]"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlMatches(base + "/requests/[0-9a-f-]{36}$"));
            requestUrl = page.getCurrentUrl();
            assertTrue(page.findElement(By.tagName("main")).getText().contains(caseNumber));
            browser.tabTo(page.findElement(By.id("submit-request"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .status"), "Waiting for approval"));
            browser.screenshot("requests-detail");
            browser.assertAccessible("requests-detail");
        }

        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, supervisor);
            page.get(base + "/dashboard");
            browser.tabTo(page.findElement(By.linkText("Waiting for your approval"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlContains("/requests"));
            browser.screenshot("requests-list");
            browser.assertAccessible("requests-list for a supervisor");
            browser.tabTo(page.findElement(By.linkText(caseNumber))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(requestUrl));
            browser.assertAccessible("requests-detail for review");
            browser.tabTo(page.findElement(By.id("note"))).sendKeys("The block and the alley only.");
            browser.tabTo(page.findElement(By.id("approve-request"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .status"), "Active"));
            browser.screenshot("requests-detail-approved");
        }

        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, officer);
            page.get(base + "/dashboard");
            browser.tabTo(page.findElement(By.linkText("Your active requests"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlContains("/requests"));
            browser.tabTo(page.findElement(By.linkText(caseNumber))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(requestUrl));
            String main = page.findElement(By.tagName("main")).getText();
            assertTrue(main, main.contains("Sent to owners") && main.contains("Approved"));
            browser.assertAccessible("requests-detail active");
            browser.tabTo(page.findElement(By.id("close-request"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main .status"), "Closed"));
        }
    }

    /**
     * Types a date and time into a {@code datetime-local} input as a keyboard does in Chromium's English
     * field (month, day, year, then Tab to the hours, minutes and AM/PM); checks the value it came to hold.
     */
    private static void dateTime(Browser browser, String id, LocalDateTime value) {
        WebElement input = browser.tabTo(browser.driver().findElement(By.id(id)));
        String date = value.format(DateTimeFormatter.ofPattern("MMddyyyy", Locale.ROOT));
        String time = value.format(DateTimeFormatter.ofPattern("hhmma", Locale.ENGLISH));
        input.sendKeys(date, Keys.TAB, time);
        String expected = value.truncatedTo(ChronoUnit.MINUTES).toString();
        if (!expected.equals(input.getAttribute("value"))) {
            // Some Chromium builds lay the field out differently: set what a keyboard would have, and say it changed.
            System.out.println("RequestsBrowserIT: typing gave " + id + "=" + input.getAttribute("value") + "; set by script");
            ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];"
                    + "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", input, expected);
        }
        assertEquals(expected, input.getAttribute("value"));
    }
}
