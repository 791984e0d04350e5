package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Base64;
import java.util.UUID;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

/**
 * The Apache Felix Web Console at {@code /system/console}: platform admins open it with their
 * e-mail address and password or with an access token; nobody else sees any of it, and its
 * built-in {@code admin}/{@code admin} account does not exist.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebConsoleIT extends PorchlightTestSupport {

    private static final String BUNDLES = "/system/console/bundles";

    private static String[] basic(String user, String password) {
        return new String[] {"Authorization",
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))};
    }

    /** The console's first answer can come a moment after /api/health: wait for its pages, then ask. */
    private Http.Response console(String path, String... headers) {
        http.await(BUNDLES, r -> r.status() != 404, SWAP_TIMEOUT, basic(ADMIN_EMAIL, ADMIN_PASSWORD));
        return http.get(path, headers);
    }

    private static void assertConsolePage(Http.Response r) {
        assertEquals(r.toString(), 200, r.status());
        assertTrue(r.toString(), r.header("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(r.body().contains("Apache Felix Web Console - Bundles"));
    }

    private static void assertNothingOfTheConsole(int status, Http.Response r) {
        assertEquals(r.toString(), status, r.status());
        assertFalse(r.body(), r.body().contains("Felix"));
    }

    private static void assertChallenged(Http.Response r) {
        assertNothingOfTheConsole(401, r);
        assertTrue(r.toString(), r.header("WWW-Authenticate").orElse("").startsWith("Basic realm=\"Porchlight console\""));
    }

    @Test
    public void platformAdminsOpenTheConsoleWithTheirPasswordOrAnAccessToken() {
        assertConsolePage(console(BUNDLES, basic(ADMIN_EMAIL, ADMIN_PASSWORD)));
        assertConsolePage(console(BUNDLES, asAdmin()));
        Http.Response json = console(BUNDLES + ".json", basic(ADMIN_EMAIL, ADMIN_PASSWORD));
        assertEquals(200, json.status());
        assertTrue("the console lists the platform's bundles", json.body().contains("org.porchlight.console"));
        assertTrue("the sign-in is in the audit log", rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'console.sign-in'"
                + " AND outcome = '200'") >= 1);
    }

    @Test
    public void nobodyElseSeesAnyOfTheConsole() {
        assertChallenged(console(BUNDLES));
        assertChallenged(console(BUNDLES, basic(ADMIN_EMAIL, "not the passphrase")));
        assertChallenged(console(BUNDLES, basic("admin", "admin")));
        assertChallenged(console("/system/console/res/lib/jquery-3.6.1.js", basic("admin", "admin")));
        assertChallenged(console(BUNDLES, "Authorization", "Basic !!!"));
        assertChallenged(console(BUNDLES, "Authorization", "Bearer not-a-token"));

        residentSession("resident@console.example");
        assertNothingOfTheConsole(403, console(BUNDLES, basic("resident@console.example", PEOPLE_PASSWORD)));
        assertNothingOfTheConsole(403, console(BUNDLES, residentSession("resident@console.example")));

        String[] admin = asAdmin();
        http.postJson("/api/agencies", IdentityIT.agency("WCON"), admin);
        String[] agencyAdmin = staffSession("WCON", "admin@wcon.example", "AGENCY_ADMIN", admin);
        assertNothingOfTheConsole(403, console(BUNDLES, basic("admin@wcon.example", PEOPLE_PASSWORD)));
        assertNothingOfTheConsole(403, console(BUNDLES, agencyAdmin));
    }

    /**
     * The console remembers a verified password for a while (etc: passwordCacheSeconds, 60 by default), but not past a
     * change to the account: the next request after it is disabled or given another role is refused. Platform admins have no
     * API that disables or demotes them, so the test changes the rows, as an operator with another admin's say would.
     */
    @Test
    public void anAdminDisabledOrDemotedLosesTheConsoleOnTheNextRequest() throws Exception {
        console(BUNDLES);
        for (String change : new String[] {"status = 'DISABLED'", "role = 'RESIDENT'"}) {
            String email = "console-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
            UUID account = secondAdmin(email);
            String[] password = basic(email, ADMIN_PASSWORD);
            assertConsolePage(console(BUNDLES, password));
            assertConsolePage(console(BUNDLES, password)); // now from the console's memory of the password

            try (Connection c = primaryDataSource().getConnection();
                    PreparedStatement update = c.prepareStatement("UPDATE identity.account SET " + change + " WHERE id = ?")) {
                update.setObject(1, account);
                assertEquals(1, update.executeUpdate());
            }
            Http.Response next = http.get(BUNDLES, password);
            if (change.startsWith("status")) {
                assertChallenged(next);
            } else {
                assertNothingOfTheConsole(403, next);
            }
            assertNothingOfTheConsole(next.status(), http.get("/system/console/res/lib/jquery-3.6.1.js", password));
        }
    }

    /** Another platform admin, with the first one's password (its Argon2id hash copied), as setup creates them. */
    private UUID secondAdmin(String email) throws Exception {
        UUID id = UUID.randomUUID();
        try (Connection c = primaryDataSource().getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO identity.account (id, role, email, display_name, "
                        + "password_hash, status, created_at) SELECT ?, 'PLATFORM_ADMIN', ?, 'Second admin', password_hash, "
                        + "'ACTIVE', created_at FROM identity.account WHERE email = ?")) {
            insert.setObject(1, id);
            insert.setString(2, email);
            insert.setString(3, ADMIN_EMAIL);
            assertEquals(1, insert.executeUpdate());
        }
        return id;
    }

    /** As at start-up before the access bundle runs: the console's own admin/admin must not take over. */
    @Test
    public void withoutPorchlightsAccessRuleTheConsoleLetsNobodyIn() throws Exception {
        console(BUNDLES);
        org.osgi.framework.Bundle access = bundle("org.porchlight.console");
        access.stop();
        try {
            assertNotServed(http.get(BUNDLES, basic("admin", "admin")));
            assertNotServed(http.get(BUNDLES, basic(ADMIN_EMAIL, ADMIN_PASSWORD)));
        } finally {
            access.start();
        }
        assertConsolePage(console(BUNDLES, basic(ADMIN_EMAIL, ADMIN_PASSWORD)));
    }

    private static void assertNotServed(Http.Response r) {
        assertTrue(r.toString(), r.status() == 401 || r.status() == 404);
        assertFalse(r.body(), r.body().contains("Bundles"));
    }

    @Test
    public void bundlesAreNotInstalledThroughTheConsoleNorChangedFromAnotherSite() {
        int bundles = context.getBundles().length;
        String boundary = "itestboundary";
        String upload = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ninstall\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"bundlefile\"; filename=\"x.jar\"\r\n"
                + "Content-Type: application/java-archive\r\n\r\nPK\r\n--" + boundary + "--\r\n";
        console(BUNDLES);
        String[] admin = basic(ADMIN_EMAIL, ADMIN_PASSWORD);
        assertNothingOfTheConsole(403, http.send("POST", BUNDLES, "multipart/form-data; boundary=" + boundary, upload, admin));
        assertNothingOfTheConsole(403, http.postForm(BUNDLES + "/" + bundle("org.porchlight.console").getBundleId(),
                java.util.Map.of("action", "update"), admin));
        assertEquals(bundles, context.getBundles().length);

        assertNothingOfTheConsole(403, http.postForm(BUNDLES, java.util.Map.of("action", "refreshPackages"), admin[0], admin[1],
                "Origin", "https://elsewhere.example"));
        assertEquals("refusals change nothing, so they are not audited", 0,
                rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'console.change'"));
    }

    @Test
    public void changesFromTheConsolesOwnPagesGoThroughAndAreAudited() {
        console(BUNDLES);
        String[] admin = basic(ADMIN_EMAIL, ADMIN_PASSWORD);
        String port = context.getProperty("porchlight.http.port");
        Http.Response gc = http.postForm("/system/console/vmstat", java.util.Map.of("action", "gc"), admin[0], admin[1],
                "Origin", "http://127.0.0.1:" + port);
        assertTrue(gc.toString(), gc.status() < 400);
        assertEquals(1, rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'console.change' "
                + "AND target = 'path=/vmstat action=gc'"));
    }
}
