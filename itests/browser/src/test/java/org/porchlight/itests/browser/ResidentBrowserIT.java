package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.porchlight.itests.support.Http;

/**
 * Owners answer and the officer downloads the evidence, in headless Chromium. A resident, by keyboard alone
 * (Tab, typing, Space and Enter; no mouse): the inbox, the request's page with its area in words, an upload with
 * the progress bar (prepared, not shared), the review, the share of the file ticked, and what was shared with its
 * custody record. Then the officer: the request's answers, its evidence page, the file downloaded (the same
 * SHA-256 as the resident's file) and the custody record as CSV with the download in it. No WCAG 2.1 AA violation
 * on any page on the way.
 */
public class ResidentBrowserIT {

    private static PortalServer server;

    @BeforeClass
    public static void start() throws Exception {
        server = PortalServer.shared();
    }

    @Test
    public void aResidentSharesByKeyboardAfterReviewAndTheOfficerDownloadsTheEvidence() throws Exception {
        String resident = server.resident();
        String[] asResident = server.bearer(resident, PortalServer.PASSWORD);
        String officer = server.staff("OFFICER");
        String[] asOfficer = server.bearer(officer, PortalServer.PASSWORD);
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
        String requestId = draft.json().path("id").asText();
        Http.Response active = http.send("POST", "/api/agencies/KCPD/requests/" + requestId + "/submit", null, null, asOfficer);
        assertEquals(active.body(), "ACTIVE", active.json().path("state").asText());

        Path clip = Files.createTempDirectory("porchlight-footage").resolve("porch-camera.mp4");
        byte[] bytes = new byte[2_000_000];
        random.nextBytes(bytes);
        Files.write(clip, bytes);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, resident);
            page.get(server.base() + "/inbox");
            WebElement link = page.findElement(By.linkText("Package theft"));
            assertTrue(page.findElement(By.tagName("main")).getText().contains("Not answered yet"));
            browser.screenshot("resident-inbox");
            browser.assertAccessible("resident inbox");

            browser.tabTo(link).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlMatches("/inbox/[0-9a-f-]{36}$"));
            String requestUrl = page.getCurrentUrl();
            String main = page.findElement(By.tagName("main")).getText();
            assertTrue(main, main.contains("Uploading is not sharing."));
            assertTrue(main, main.contains("Within 150 metres of the point"));
            WebElement bar = page.findElement(By.cssSelector("form[data-upload] progress"));
            assertEquals("the progress bar waits for an upload", "true", bar.getAttribute("hidden"));
            browser.assertAccessible("resident request");

            // The file chooser is the system's own dialog, which WebDriver cannot drive: the path typed into the
            // focused input stands in for choosing the file there by keyboard.
            browser.tabTo(page.findElement(By.id("file"))).sendKeys(clip.toString());
            browser.tabTo(page.findElement(By.cssSelector("form[data-upload] button[type=submit]"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(requestUrl + "?done=uploaded"));
            assertTrue(page.findElement(By.cssSelector("p.notice[role=status]")).getText().contains("not shared yet"));
            WebElement prepared = page.findElement(By.cssSelector("section[aria-labelledby=prepared-heading] table"));
            assertTrue(prepared.getText(), prepared.getText().contains("porch-camera.mp4"));
            assertTrue("the receipt is the file's SHA-256", prepared.getText().contains(sha256));
            assertFalse("not shared: nothing yet under what you shared", page.findElement(By.tagName("main")).getText()
                    .contains("What you shared"));
            browser.assertAccessible("resident request with an upload to review");

            WebElement tick = browser.tabTo(page.findElement(By.id("share-0")));
            tick.sendKeys(Keys.SPACE);
            assertTrue(tick.isSelected());
            browser.tabTo(page.findElement(By.cssSelector("section[aria-labelledby=share-heading] button[type=submit]")))
                    .sendKeys(Keys.ENTER);
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

        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, officer);
            page.get(server.base() + "/requests/" + requestId);
            String answers = page.findElement(By.cssSelector("section[aria-labelledby=answers-heading]")).getText();
            assertTrue(answers, answers.contains("Neighbor "));
            browser.assertAccessible("requests-detail with an answer");

            browser.tabTo(page.findElement(By.linkText("Evidence received"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(server.base() + "/evidence/requests/" + requestId));
            WebElement row = page.findElement(By.xpath("//main//tbody/tr[th[contains(., 'porch-camera.mp4')]]"));
            assertTrue(row.getText(), row.getText().contains(sha256) && row.getText().contains("Neighbor "));
            browser.screenshot("evidence-request");
            browser.assertAccessible("evidence of a request");

            browser.tabTo(row.findElement(By.cssSelector("form[action$='/content'] button"))).sendKeys(Keys.ENTER);
            Path downloaded = browser.awaitDownload("porch-camera.mp4");
            assertEquals("the officer gets the resident's bytes", sha256,
                    HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(downloaded))));
            assertEquals("a download leaves the page as it was", server.base() + "/evidence/requests/" + requestId,
                    page.getCurrentUrl());

            WebElement custody = row.findElement(By.cssSelector("form[action$='/custody.csv'] button"));
            String itemId = custody.findElement(By.xpath("./ancestor::form")).getAttribute("action")
                    .replaceAll(".*/items/([0-9a-f-]{36})/custody\\.csv$", "$1");
            browser.tabTo(custody).sendKeys(Keys.ENTER);
            List<String> events = Files.readAllLines(browser.awaitDownload("custody-" + itemId + ".csv"));
            assertEquals("sequence,at,kind,actor,detail,request_id,previous_hash,hash", events.get(0));
            assertTrue(events.toString(), events.get(1).contains(",RECEIVED,") && events.get(2).contains(",SHARED,"));
            String last = events.get(events.size() - 1);
            assertTrue("the download is in the chain of custody: " + events, last.startsWith("3,")
                    && last.contains(",ACCESSED,account:") && last.contains("download of 2000000 bytes"));
            browser.assertAccessible("evidence of a request after the downloads");
        }
    }
}
