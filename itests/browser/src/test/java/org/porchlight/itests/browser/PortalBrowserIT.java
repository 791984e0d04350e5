package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.ServerProcess;

/**
 * The portal's shell in headless Chromium against the built distribution, as a visitor and the
 * platform admin meet it: the public home page, signing in and out by keyboard alone, the language
 * switch, and no WCAG 2.1 AA violation on any page on the way.
 */
public class PortalBrowserIT {

    private static final String ADMIN = "admin@browser.example";
    private static final String PASSWORD = "browser test passphrase";

    private static ServerProcess server;
    private static String base;

    @BeforeClass
    public static void start() throws Exception {
        Path home = Distribution.freshHome("PortalBrowserIT");
        int port = Distribution.freePort();
        server = ServerProcess.start(home, Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(port), "PORCHLIGHT_ADMIN_EMAIL", ADMIN,
                "PORCHLIGHT_ADMIN_PASSWORD", PASSWORD));
        server.awaitReady(Duration.ofSeconds(120));
        base = "http://127.0.0.1:" + port;
        Http http = new Http(port);
        String token = http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", ADMIN, "password", PASSWORD))
                .json().path("access_token").asText();
        Http.Response created = http.postJson("/api/agencies", "{\"code\":\"KCPD\",\"name\":\"Kansas City Police\","
                + "\"timeZone\":\"America/Chicago\",\"contactEmail\":\"records@kcpd.example\",\"jurisdiction\":{\"type\":\"circle\","
                + "\"center\":{\"latitude\":39.0997,\"longitude\":-94.5786},\"radiusMeters\":20000}}", "Authorization", "Bearer " + token);
        assertEquals(created.body(), 201, created.status());
    }

    @AfterClass
    public static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void aVisitorSeesTheAgenciesAndTheAdminSignsInAndOutByKeyboardAlone() {
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            page.get(base + "/");
            assertEquals("en", page.findElement(By.tagName("html")).getAttribute("lang"));
            assertTrue(page.getTitle(), page.getTitle().startsWith("Home"));
            assertTrue(page.findElement(By.tagName("main")).getText().contains("Kansas City Police"));
            browser.screenshot("home");
            browser.assertAccessible("home");

            // The skip link comes first, then the way to sign in: Tab and Enter, no mouse.
            Actions keys = new Actions(page);
            keys.sendKeys(Keys.TAB).perform();
            assertEquals("skip-link", page.switchTo().activeElement().getAttribute("class"));
            tabTo(page, page.findElement(By.linkText("Sign in"))).sendKeys(Keys.ENTER);
            await(page).until(ExpectedConditions.urlToBe(base + "/sign-in"));
            browser.assertAccessible("sign-in");

            // A wrong password says so, next to the form, and nothing is signed in.
            tabTo(page, page.findElement(By.id("email"))).sendKeys(ADMIN);
            keys.sendKeys(Keys.TAB, "not the passphrase at all", Keys.ENTER).perform();
            WebElement error = await(page).until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
            assertFalse(error.getText().isBlank());
            browser.assertAccessible("sign-in with an error");

            type(page, "password", PASSWORD);
            keys.sendKeys(Keys.ENTER).perform();
            await(page).until(ExpectedConditions.urlToBe(base + "/start"));
            Cookie session = page.manage().getCookieNamed("pl_session");
            assertTrue("a session cookie the page's scripts cannot read", session != null && session.isHttpOnly());
            assertTrue(page.findElement(By.tagName("main")).getText().contains("Start"));
            browser.screenshot("start-platform-admin");
            browser.assertAccessible("start");

            tabTo(page, page.findElement(By.cssSelector("form.sign-out button"))).sendKeys(Keys.ENTER);
            await(page).until(ExpectedConditions.urlToBe(base + "/"));
            assertEquals("signed out", null, page.manage().getCookieNamed("pl_session"));
            page.get(base + "/start");
            assertEquals("a page for signed-in users sends a visitor to sign in", base + "/sign-in", page.getCurrentUrl());
        }
    }

    @Test
    public void spanishFromTheBrowserAndBackToEnglishWithTheSwitch() {
        try (Browser browser = Browser.open("es")) {
            WebDriver page = browser.driver();
            page.get(base + "/");
            assertEquals("es", page.findElement(By.tagName("html")).getAttribute("lang"));
            assertTrue(page.getTitle(), page.getTitle().startsWith("Inicio"));
            browser.screenshot("home-es");
            browser.assertAccessible("home in Spanish");

            page.findElement(By.cssSelector("nav.languages a[hreflang='en']")).click();
            await(page).until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
            page.get(base + "/sign-in");
            assertEquals("the choice is kept", "en", page.findElement(By.tagName("html")).getAttribute("lang"));
            assertEquals(List.of("Sign in"), List.of(page.findElement(By.tagName("h1")).getText()));
        }
    }

    /** Presses Tab from the top of the page until {@code target} has the focus: it must be reachable by keyboard. */
    private static WebElement tabTo(WebDriver page, WebElement target) {
        Actions keys = new Actions(page);
        for (int i = 0; i < 40; i++) {
            if (page.switchTo().activeElement().equals(target)) {
                return target;
            }
            keys.sendKeys(Keys.TAB).perform();
        }
        throw new AssertionError("not reachable with the Tab key: " + target.getTagName() + " " + target.getText());
    }

    private static void type(WebDriver page, String id, String text) {
        WebElement field = page.findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    private static WebDriverWait await(WebDriver page) {
        return new WebDriverWait(page, Duration.ofSeconds(20));
    }
}
