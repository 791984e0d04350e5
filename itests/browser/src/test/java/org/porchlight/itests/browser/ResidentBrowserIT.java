package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import java.util.UUID;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.porchlight.itests.support.Http;

/**
 * A resident's footage request in headless Chromium: the inbox, the request's page with its area in words,
 * an upload with the progress bar (prepared, not shared), the review, the share of the file ticked, and
 * what was shared with its custody record; no WCAG 2.1 AA violation on any page on the way.
 */
public class ResidentBrowserIT {

    private static PortalServer server;

    @BeforeClass
    public static void start() throws Exception {
        server = PortalServer.shared();
    }

    @Test
    public void aResidentUploadsReviewsAndSharesFootageForARequest() throws Exception {
        String resident = server.resident();
        String[] asResident = server.bearer(resident, PortalServer.PASSWORD);
        String[] asOfficer = server.bearer(server.staff("OFFICER"), PortalServer.PASSWORD);
        Random random = new Random();
        double lat = 39.05 + random.nextDouble() * 0.08;
        double lon = -94.62 + random.nextDouble() * 0.08;
        Http http = server.http();
        Http.Response camera = http.postJson("/api/registry/cameras", "{\"location\":{\"latitude\":" + lat + ",\"longitude\":" + lon
                + "},\"address\":\"12 Elm Street\",\"kind\":\"DOORBELL\",\"recording\":true,\"retentionDays\":30,\"contactOk\":true,"
                + "\"paused\":false}", asResident);
        assertEquals(camera.body(), 201, camera.status());
        String caseNumber = "2026-" + UUID.randomUUID().toString().substring(0, 8);
        Instant end = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Http.Response draft = http.postJson("/api/agencies/KCPD/requests", "{\"caseNumber\":\"" + caseNumber + "\",\"incidentType\":"
                + "\"PACKAGE_THEFT\",\"windowStart\":\"" + end.minus(3, ChronoUnit.HOURS) + "\",\"windowEnd\":\"" + end + "\",\"area\":"
                + "{\"type\":\"circle\",\"center\":{\"latitude\":" + lat + ",\"longitude\":" + lon + "},\"radiusMeters\":150},"
                + "\"message\":\"A parcel was taken from a porch on Elm Street; footage of the sidewalk would help.\"}", asOfficer);
        assertEquals(draft.body(), 201, draft.status());
        Http.Response active = http.send("POST", "/api/agencies/KCPD/requests/" + draft.json().path("id").asText() + "/submit", null, null,
                asOfficer);
        assertEquals(active.body(), "ACTIVE", active.json().path("state").asText());

        Path clip = Files.createTempDirectory("porchlight-footage").resolve("porch-camera.mp4");
        byte[] bytes = new byte[2_000_000];
        random.nextBytes(bytes);
        Files.write(clip, bytes);

        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, resident);
            page.get(server.base() + "/inbox");
            WebElement link = page.findElement(By.linkText("Package theft"));
            assertTrue(page.findElement(By.tagName("main")).getText().contains("Not answered yet"));
            browser.screenshot("resident-inbox");
            browser.assertAccessible("resident inbox");

            link.click();
            browser.await().until(ExpectedConditions.urlMatches("/inbox/[0-9a-f-]{36}$"));
            String requestUrl = page.getCurrentUrl();
            String main = page.findElement(By.tagName("main")).getText();
            assertTrue(main, main.contains("Uploading is not sharing."));
            assertTrue(main, main.contains("Within 150 metres of the point"));
            WebElement bar = page.findElement(By.cssSelector("form[data-upload] progress"));
            assertEquals("the progress bar waits for an upload", "true", bar.getAttribute("hidden"));
            browser.assertAccessible("resident request");

            page.findElement(By.id("file")).sendKeys(clip.toString());
            page.findElement(By.cssSelector("form[data-upload] button[type=submit]")).click();
            browser.await().until(ExpectedConditions.urlToBe(requestUrl + "?done=uploaded"));
            assertTrue(page.findElement(By.cssSelector("p.notice[role=status]")).getText().contains("not shared yet"));
            WebElement prepared = page.findElement(By.cssSelector("section[aria-labelledby=prepared-heading] table"));
            assertTrue(prepared.getText(), prepared.getText().contains("porch-camera.mp4"));
            assertFalse("not shared: nothing yet under what you shared", page.findElement(By.tagName("main")).getText()
                    .contains("What you shared"));
            browser.assertAccessible("resident request with an upload to review");

            WebElement tick = page.findElement(By.id("share-0"));
            browser.tabTo(tick);
            tick.click();
            assertTrue(tick.isSelected());
            page.findElement(By.cssSelector("section[aria-labelledby=share-heading] button[type=submit]")).click();
            browser.await().until(ExpectedConditions.urlToBe(requestUrl + "?done=shared"));
            String shared = page.findElement(By.cssSelector("section[aria-labelledby=shared-heading]")).getText();
            assertTrue(shared, shared.contains("porch-camera.mp4") && shared.contains("Neighbor "));
            assertTrue(shared, shared.contains("Event 2 of its chain of custody"));
            ((JavascriptExecutor) page).executeScript("arguments[0].scrollIntoView()", page.findElement(By.id("shared-heading")));
            browser.screenshot("resident-request");
            browser.assertAccessible("resident request after sharing");

            page.get(server.base() + "/shared");
            assertTrue(page.findElement(By.tagName("main")).getText().contains("porch-camera.mp4"));
            browser.screenshot("resident-shared");
            browser.assertAccessible("resident shared footage");
        }
    }
}
