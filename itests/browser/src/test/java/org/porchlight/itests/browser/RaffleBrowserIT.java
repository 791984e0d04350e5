package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Incentives in headless Chromium: the agency admin's campaigns and raffle pages, and a visitor's check of a drawn
 * raffle on its public page: the script recomputes the draw with Web Crypto and says it matches; inputs altered on
 * the page (another seed, the winners in another order) do not.
 */
public class RaffleBrowserIT {

    private static PortalServer server;

    @BeforeClass
    public static void start() throws Exception {
        server = PortalServer.shared();
    }

    @Test
    public void aVisitorChecksADrawInTheBrowserAndAlteredInputsDoNotMatch() {
        String run = UUID.randomUUID().toString().substring(0, 6);
        String adminEmail = server.staff("AGENCY_ADMIN");
        String[] agencyAdmin = server.bearer(adminEmail, PortalServer.PASSWORD);
        Http http = server.http();
        String base = "/api/agencies/" + PortalServer.AGENCY;
        Http.Response campaign = http.postJson(base + "/incentives/campaigns", "{\"name\":\"Doorbells " + run
                + "\",\"partner\":\"Acme Doorbells Inc.\",\"partnerAliases\":[\"Acme\"]}", agencyAdmin);
        assertEquals(campaign.body(), 201, campaign.status());
        String campaignId = campaign.json().path("id").asText();
        assertEquals(201, http.postJson(base + "/incentives/campaigns/" + campaignId + "/codes",
                "{\"label\":\"Library desk\",\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2099-01-01T00:00:00Z\",\"cap\":200}",
                agencyAdmin).status());
        assertEquals(201, http.postJson(base + "/incentives/ledger/adjustments", "{\"units\":3,\"reason\":\"Cameras received "
                + run + "\"}", agencyAdmin).status());
        Http.Response raffle = http.postJson(base + "/raffles", "{\"title\":\"Block party " + run + "\",\"units\":3,\"campaign\":\""
                + campaignId + "\"}", agencyAdmin);
        assertEquals(raffle.body(), 201, raffle.status());
        String id = raffle.json().path("id").asText();
        StringBuilder labels = new StringBuilder();
        for (int i = 1; i <= 25; i++) {
            labels.append(i == 1 ? "" : ",").append("\"T-").append(String.format("%03d", 100 - i * 3)).append('"');
        }
        labels.append(",\"zeta\",\"Alpha\",\"alpha.2\",\"B_1\"");
        assertEquals(200, http.postJson(base + "/raffles/" + id + "/entrants", "{\"labels\":[" + labels + "]}", agencyAdmin).status());

        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, adminEmail);
            page.get(server.base() + "/incentives");
            assertTrue(page.findElement(By.tagName("main")).getText().contains("Doorbells " + run));
            browser.assertAccessible("incentives");
            browser.screenshot("incentives-campaigns");
            page.findElement(By.linkText("Doorbells " + run)).click();
            browser.await().until(ExpectedConditions.urlContains("/incentives/campaigns/" + campaignId));
            assertTrue(page.findElement(By.tagName("main")).getText().contains("Library desk"));
            browser.assertAccessible("incentives campaign");
            page.get(server.base() + "/raffles/" + id);
            assertEquals("29", page.findElement(By.id("raffle-entrant-count")).getText());
            browser.assertAccessible("raffle");
            browser.screenshot("incentives-raffle");
        }
        assertEquals(200, http.postJson(base + "/raffles/" + id + "/draw", null, agencyAdmin).status());
        JsonNode published = http.get("/api/public/raffles/" + id).json();
        assertEquals(3, published.path("winners").size());

        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            page.get(server.base() + "/raffles/public/" + id);
            WebElement result = page.findElement(By.id("raffle-check-result"));
            browser.await().until(ExpectedConditions.attributeToBe(result, "data-outcome", "match"));
            assertTrue(result.getText(), result.getText().contains("The draw matches"));
            assertEquals("polite", result.getAttribute("aria-live"));
            assertEquals(published.path("seed").asText(), page.findElement(By.id("raffle-seed")).getText());
            assertEquals(published.path("winners").get(0).asText(),
                    page.findElement(By.cssSelector("#raffle-winners li")).getText());
            browser.assertAccessible("public raffle");
            browser.screenshot("incentives-raffle-public");

            // Another seed: it does not hash to the commitment.
            JavascriptExecutor js = (JavascriptExecutor) page;
            String seed = published.path("seed").asText();
            String other = seed.substring(0, seed.length() - 1) + (seed.endsWith("0") ? "1" : "0");
            js.executeScript("document.getElementById('raffle-seed').textContent = arguments[0];", other);
            WebElement again = page.findElement(By.id("raffle-check-again"));
            browser.tabTo(again).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.attributeToBe(result, "data-outcome", "mismatch"));
            assertTrue(result.getText(), result.getText().contains("does not match"));
            assertTrue(result.getText(), result.getText().contains("commitment"));

            // The right seed, but the winners in another order: the draw gives other winners.
            js.executeScript("document.getElementById('raffle-seed').textContent = arguments[0];"
                    + "var list = document.getElementById('raffle-winners'); list.appendChild(list.firstElementChild);", seed);
            again.click();
            browser.await().until(ExpectedConditions.attributeToBe(result, "data-outcome", "mismatch"));
            assertTrue(result.getText(), result.getText().contains("other winners"));

            // And back as published: it matches again.
            js.executeScript("var list = document.getElementById('raffle-winners');"
                    + "list.insertBefore(list.lastElementChild, list.firstElementChild);");
            again.click();
            browser.await().until(ExpectedConditions.attributeToBe(result, "data-outcome", "match"));
        }
    }
}
