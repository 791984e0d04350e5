package org.porchlight.itests.browser;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Http;
import org.porchlight.testing.plugin.ServerProcess;

/**
 * The built distribution that every browser test of this module shares (one start for the module, stopped
 * when the test JVM ends), with one agency, Kansas City Police (KCPD, America/Chicago), and ways to make
 * the people a journey needs through the REST API: every test makes its own, so that tests do not meet.
 */
public final class PortalServer {

    public static final String ADMIN = "admin@browser.example";
    public static final String PASSWORD = "browser test passphrase";
    public static final String AGENCY = "KCPD";

    private static PortalServer shared;
    private static final AtomicInteger PEOPLE = new AtomicInteger();

    private final ServerProcess server;
    private final Http http;
    private final String base;

    private PortalServer(ServerProcess server, int port) {
        this.server = server;
        this.http = new Http(port);
        this.base = "http://127.0.0.1:" + port;
    }

    /** The module's server, started on first use. */
    public static synchronized PortalServer shared() throws Exception {
        if (shared == null) {
            Path home = Distribution.freshHome("PortalServer");
            int port = Distribution.freePort();
            ServerProcess process = ServerProcess.start(home, Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(port),
                    "PORCHLIGHT_ADMIN_EMAIL", ADMIN, "PORCHLIGHT_ADMIN_PASSWORD", PASSWORD));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    process.close();
                } catch (Exception ignored) {
                    // the JVM ends anyway
                }
            }));
            process.awaitReady(Duration.ofSeconds(120));
            shared = new PortalServer(process, port);
            Http.Response created = shared.http.postJson("/api/agencies", "{\"code\":\"" + AGENCY + "\",\"name\":\"Kansas City Police\","
                    + "\"timeZone\":\"America/Chicago\",\"contactEmail\":\"records@kcpd.example\",\"jurisdiction\":{\"type\":\"circle\","
                    + "\"center\":{\"latitude\":39.0997,\"longitude\":-94.5786},\"radiusMeters\":20000}}", shared.asAdmin());
            assertEquals(created.body(), 201, created.status());
        }
        return shared;
    }

    /** The portal's address, e.g. {@code http://127.0.0.1:41234}. */
    public String base() {
        return base;
    }

    public Http http() {
        return http;
    }

    public ServerProcess process() {
        return server;
    }

    /** Headers that call the REST API as the platform admin. */
    public String[] asAdmin() {
        return bearer(ADMIN, PASSWORD);
    }

    /** Headers that call the REST API as {@code email}. */
    public String[] bearer(String email, String password) {
        Http.Response r = http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", email, "password", password));
        assertEquals(r.body(), 200, r.status());
        return new String[] {"Authorization", "Bearer " + r.json().path("access_token").asText()};
    }

    /** A new resident (password {@link #PASSWORD}); returns the e-mail address. */
    public String resident() {
        String email = "resident-" + PEOPLE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6) + "@browser.example";
        Http.Response r = http.postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                + "\",\"displayName\":\"Resident\"}");
        assertEquals(r.body(), 202, r.status()); // the same answer whether or not the address had an account
        return email;
    }

    /** A new staff member of KCPD with {@code role} (OFFICER, SUPERVISOR, PIO, AGENCY_ADMIN), activated; returns the e-mail address. */
    public String staff(String role) {
        return staff(AGENCY, role);
    }

    /** A new staff member of {@code agency} with {@code role}, activated; returns the e-mail address. */
    public String staff(String agency, String role) {
        String email = role.toLowerCase() + "-" + PEOPLE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6)
                + "@" + agency.toLowerCase() + ".example";
        Http.Response invited = http.postJson("/api/agencies/" + agency + "/staff", "{\"email\":\"" + email
                + "\",\"displayName\":\"" + role + " " + PEOPLE.get() + "\",\"role\":\"" + role + "\"}", asAdmin());
        assertEquals(invited.body(), 201, invited.status());
        Http.Response activated = http.postJson("/api/accounts/activate", "{\"token\":\"" + invited.json().path("activationToken").asText()
                + "\",\"password\":\"" + PASSWORD + "\"}");
        assertEquals(activated.body(), true, activated.status() < 300);
        return email;
    }

    /** Signs {@code email} in through the portal's form in {@code page}; waits for the start page. */
    public void signIn(WebDriver page, String email) {
        page.get(base + "/sign-in");
        WebElement field = page.findElement(By.id("email"));
        field.clear();
        field.sendKeys(email);
        page.findElement(By.id("password")).sendKeys(PASSWORD);
        page.findElement(By.cssSelector("main form button[type=submit]")).click();
        new WebDriverWait(page, Duration.ofSeconds(20)).until(ExpectedConditions.urlToBe(base + "/start"));
    }
}
