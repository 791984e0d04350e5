package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.UUID;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The camera registry in headless Chromium: a resident registers a camera by keyboard through the latitude and
 * longitude inputs (no map tiles needed), pauses and deletes it; anyone reads the density map; an officer counts an
 * area typed corner by corner. Every page passes axe's WCAG 2.1 AA rules.
 */
public class RegistryBrowserIT {

    private static PortalServer server;
    private static String base;

    @BeforeClass
    public static void start() throws Exception {
        server = PortalServer.shared();
        base = server.base();
    }

    @Test
    public void aResidentRegistersPausesAndDeletesACameraByKeyboard() {
        String address = "Porch " + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, server.resident());
            page.get(base + "/cameras");
            assertEquals("My cameras", page.findElement(By.tagName("h1")).getText());
            browser.assertAccessible("registry cameras, none yet");

            browser.tabTo(page.findElement(By.id("latitude"))).sendKeys("39.0997");
            browser.tabTo(page.findElement(By.id("longitude"))).sendKeys("-94.5786");
            browser.tabTo(page.findElement(By.id("address"))).sendKeys(address, Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/cameras?done=registered"));
            String main = page.findElement(By.tagName("main")).getText();
            assertTrue(main, main.contains(address) && main.contains("Active") && main.contains("KCPD"));
            browser.screenshot("registry-cameras");
            browser.assertAccessible("registry cameras, one registered");

            browser.tabTo(page.findElement(By.cssSelector("form[action$='/pause'] button"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/cameras?done=paused"));
            assertTrue(page.findElement(By.tagName("tbody")).getText().contains("Paused"));
            browser.assertAccessible("registry cameras, paused");

            browser.tabTo(page.findElement(By.cssSelector("form[action$='/delete'] button"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.alertIsPresent()).accept();
            browser.await().until(ExpectedConditions.urlToBe(base + "/cameras?done=deleted"));
            main = page.findElement(By.tagName("main")).getText();
            assertFalse(main, main.contains(address));
            assertTrue(main, main.contains("You have not registered a camera yet."));
        }
    }

    @Test
    public void theDensityMapIsReadableByAnyoneAndAnOfficerCountsATypedArea() {
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            page.get(base + "/density");
            assertTrue(page.findElement(By.tagName("main")).getText().contains("noisy and coarse on purpose"));
            browser.screenshot("registry-density");
            browser.assertAccessible("registry density");

            server.signIn(page, server.staff("OFFICER"));
            page.get(base + "/registry");
            browser.assertAccessible("registry counts");
            browser.tabTo(page.findElement(By.id("area"))).sendKeys("39.0900, -94.5900\n39.0960, -94.5900\n39.0960, -94.5820\n");
            browser.tabTo(page.findElement(By.cssSelector("form[action='/registry'] button"))).sendKeys(Keys.ENTER);
            String result = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("count-result"))).getText();
            assertTrue(result, result.contains("Withheld") || result.contains("active cameras"));
            browser.screenshot("registry-counts");
            browser.assertAccessible("registry counts, answered");

            browser.type("area", "39.09001, -94.59001\n39.09003, -94.59001\n39.09003, -94.59003");
            page.findElement(By.cssSelector("form[action='/registry'] button")).click();
            String refusal = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("count-refusal")))
                    .getText();
            assertTrue(refusal, refusal.contains("too small"));
            browser.assertAccessible("registry counts, refused");
        }
    }
}
