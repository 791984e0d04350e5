package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.UUID;

import org.junit.BeforeClass;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.porchlight.itests.support.Http;

/**
 * The identity bundle's pages in headless Chromium: a visitor signs up by keyboard alone (a refused
 * password first) and finds their account; an agency admin invites a staff member and edits the agency's
 * settings; the platform admin's agencies and a vendor's keys; no WCAG 2.1 AA violation on any of them.
 */
public class AccountsBrowserIT {

    private static PortalServer server;

    @BeforeClass
    public static void start() throws Exception {
        server = PortalServer.shared();
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    public void aVisitorSignsUpByKeyboardAndFindsTheirAccount() {
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            String base = server.base();
            page.get(base + "/sign-up");
            assertEquals("Create a resident account", page.findElement(By.tagName("h1")).getText());
            browser.assertAccessible("sign-up");
            browser.screenshot("account-sign-up");

            String email = "signup-" + unique() + "@browser.example";
            browser.tabTo(page.findElement(By.id("email"))).sendKeys(email);
            browser.tabTo(page.findElement(By.id("password"))).sendKeys("password1234");
            browser.tabTo(page.findElement(By.id("displayName"))).sendKeys("Pat Keyboard", Keys.ENTER);
            WebElement error = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
            assertTrue(error.getText(), error.getText().contains("too easy to guess"));
            assertEquals("true", page.findElement(By.id("password")).getAttribute("aria-invalid"));
            browser.assertAccessible("sign-up with errors");

            browser.tabTo(page.findElement(By.id("password"))).sendKeys(PortalServer.PASSWORD, Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/sign-up/sent"));
            assertTrue(page.findElement(By.tagName("main")).getText().contains("If this address had no account"));
            browser.assertAccessible("sign-up sent");

            page.get(base + "/verify-email");
            browser.assertAccessible("verify-email");

            page.get(base + "/sign-in");
            browser.tabTo(page.findElement(By.cssSelector("a[href='/password']"))).sendKeys(Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/password"));
            browser.assertAccessible("forgot password");
            page.get(base + "/password/reset");
            browser.assertAccessible("password reset");

            server.signIn(page, email);
            page.get(base + "/account");
            String main = page.findElement(By.tagName("main")).getText();
            assertTrue(main, main.contains("Pat Keyboard") && main.contains(email) && main.contains("Not confirmed yet"));
            assertTrue(main, main.contains("Kansas City Police (KCPD)") && main.contains("Neighbor "));
            assertTrue(main, main.contains("Profile") && main.contains("Password"));
            browser.assertAccessible("account");
            browser.screenshot("account-account");
        }
    }

    @Test
    public void aResidentFindsTheirDataAndDeletesTheirAccountByKeyboard() {
        String email = server.resident();
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            String base = server.base();
            server.signIn(page, email);
            page.get(base + "/account");
            page.findElement(By.cssSelector("a[href='/account/data']")).click();
            browser.await().until(ExpectedConditions.urlToBe(base + "/account/data"));
            assertEquals("Your data and your account", page.findElement(By.tagName("h1")).getText());
            browser.assertAccessible("account data");
            browser.screenshot("account-data");

            browser.tabTo(page.findElement(By.id("password"))).sendKeys("not the passphrase");
            page.findElement(By.cssSelector("main form button[type=submit]")).click();
            page.switchTo().alert().accept(); // the shell's confirmation of a destructive button
            WebElement error = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("delete-error")));
            assertTrue(error.getText(), error.getText().contains("nothing was deleted"));
            assertEquals("true", page.findElement(By.id("password")).getAttribute("aria-invalid"));
            browser.assertAccessible("account data with an error");

            browser.tabTo(page.findElement(By.id("password"))).sendKeys(PortalServer.PASSWORD);
            page.findElement(By.cssSelector("main form button[type=submit]")).click();
            page.switchTo().alert().accept();
            browser.await().until(ExpectedConditions.urlToBe(base + "/account/deleted"));
            assertTrue(page.findElement(By.tagName("main")).getText().contains("you are signed out"));
            browser.assertAccessible("account deleted");
            page.get(base + "/account");
            browser.await().until(ExpectedConditions.urlToBe(base + "/sign-in"));
        }
    }

    @Test
    public void anAgencyAdminInvitesStaffAndEditsTheSettings() {
        String base = server.base();
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, server.staff("AGENCY_ADMIN"));

            page.get(base + "/agency/staff");
            browser.assertAccessible("agency staff");
            String invited = "invited-" + unique() + "@kcpd.example";
            browser.tabTo(page.findElement(By.id("email"))).sendKeys(invited);
            browser.tabTo(page.findElement(By.id("displayName"))).sendKeys("Ann Invited");
            browser.tabTo(page.findElement(By.id("role"))).sendKeys("Supervisor");
            browser.tabTo(page.findElement(By.cssSelector("form[action='/agency/staff/invite'] button[type=submit]")))
                    .sendKeys(Keys.ENTER);
            WebElement token = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("activation-token")));
            assertTrue(token.getAttribute("value").startsWith("pla_"));
            browser.assertAccessible("agency staff with an invitation");
            browser.screenshot("account-staff");

            page.get(base + "/agency/settings");
            assertEquals("20000", page.findElement(By.id("radius")).getAttribute("value"));
            browser.assertAccessible("agency settings");
            browser.screenshot("account-settings");
            String phone = "+1 816 555 " + (1000 + (int) (Math.random() * 8999));
            WebElement field = browser.tabTo(page.findElement(By.id("contactPhone")));
            field.sendKeys(Keys.chord(Keys.CONTROL, "a"), phone);
            browser.tabTo(page.findElement(By.id("radius"))).sendKeys(Keys.chord(Keys.CONTROL, "a"), "-5", Keys.ENTER);
            browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("latitude-error")));
            browser.assertAccessible("agency settings with an error");
            browser.tabTo(page.findElement(By.id("radius"))).sendKeys(Keys.chord(Keys.CONTROL, "a"), "20000", Keys.ENTER);
            browser.await().until(ExpectedConditions.urlToBe(base + "/agency/settings?saved"));
            assertTrue(page.findElement(By.tagName("main")).getText().contains("The settings are saved."));
            Http.Response kcpd = server.http().get("/api/agencies/" + PortalServer.AGENCY, server.asAdmin());
            assertEquals(phone, kcpd.json().path("contactPhone").asText());
            assertEquals("America/Chicago", kcpd.json().path("timeZone").asText());
            assertEquals("circle", kcpd.json().path("jurisdiction").path("type").asText());
        }
    }

    @Test
    public void thePlatformAdminsAgenciesAndAVendorsKeysPassTheChecks() {
        String base = server.base();
        String vendor = "vendor-" + unique() + "@browser.example";
        Http.Response invited = server.http().postJson("/api/vendors",
                "{\"email\":\"" + vendor + "\",\"displayName\":\"Vendor\"}",
                server.asAdmin());
        assertEquals(invited.body(), 201, invited.status());
        assertEquals(200, server.http().postJson("/api/accounts/activate", "{\"token\":\""
                + invited.json().path("activationToken").asText() + "\",\"password\":\"" + PortalServer.PASSWORD
                + "\"}").status());
        try (Browser browser = Browser.open("en")) {
            WebDriver page = browser.driver();
            server.signIn(page, PortalServer.ADMIN);
            page.get(base + "/admin/agencies");
            assertTrue(page.findElement(By.tagName("main")).getText().contains("Kansas City Police"));
            browser.assertAccessible("platform agencies");
        }
        try (Browser browser = Browser.open("es")) {
            WebDriver page = browser.driver();
            server.signIn(page, vendor);
            page.get(base + "/vendor");
            browser.tabTo(page.findElement(By.id("name"))).sendKeys("Sincronización", Keys.ENTER);
            WebElement key = browser.await().until(ExpectedConditions.visibilityOfElementLocated(By.id("new-key")));
            assertTrue(key.getAttribute("value").startsWith("plk_"));
            browser.assertAccessible("vendor keys in Spanish");
        }
    }
}
