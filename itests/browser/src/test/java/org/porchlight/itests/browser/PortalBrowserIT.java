package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The portal's shell in headless Chromium against the built distribution, as a visitor and the
 * platform admin meet it: the public home page, signing in and out by keyboard alone, the language
 * switch, and no WCAG 2.1 AA violation on any page on the way.
 */
public class PortalBrowserIT {

    private static String base;

    @BeforeClass
    public static void start() throws Exception {
        base = PortalServer.shared().base();
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
            browser.tabTo(page.findElement(By.linkText("Sign in"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/sign-in"));
            browser.assertAccessible("sign-in");

            // A wrong password says so, next to the form, and nothing is signed in.
            browser.tabTo(page.findElement(By.id("email"))).sendKeys(PortalServer.ADMIN);
            keys.sendKeys(Keys.TAB, "not the passphrase at all", Keys.ENTER).perform();
            WebElement error = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in-error")));
            assertFalse(error.getText().isBlank());
            browser.assertAccessible("sign-in with an error");

            browser.type("password", PortalServer.PASSWORD);
            keys.sendKeys(Keys.ENTER).perform();
            browser.await().until(ExpectedConditions.urlToBe(base + "/start"));
            Cookie session = page.manage().getCookieNamed("pl_session");
            assertTrue("a session cookie the page's scripts cannot read", session != null && session.isHttpOnly());
            assertTrue(page.findElement(By.tagName("main")).getText().contains("Start"));
            browser.screenshot("start-platform-admin");
            browser.assertAccessible("start");

            browser.tabTo(page.findElement(By.cssSelector("form.sign-out button"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/"));
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
            browser.await().until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
            page.get(base + "/sign-in");
            assertEquals("the choice is kept", "en", page.findElement(By.tagName("html")).getAttribute("lang"));
            assertEquals(List.of("Sign in"), List.of(page.findElement(By.tagName("h1")).getText()));
        }
    }
}
