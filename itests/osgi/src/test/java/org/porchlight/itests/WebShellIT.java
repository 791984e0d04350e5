package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;
import static org.porchlight.itests.support.PortalSession.formToken;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.ServiceRegistration;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

/**
 * The web portal's shell over real HTTP: the public home page, sign-in with a session cookie,
 * CSRF protection, a tampered cookie, sign-out, error pages, languages, and a page that another
 * bundle contributes (here the test) appearing in the navigation of the roles it names only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebShellIT extends PorchlightTestSupport {

    private static Map<String, String> signInForm(String token, String email, String password) {
        return token == null ? Map.of("email", email, "password", password)
                : Map.of("csrf", token, "email", email, "password", password);
    }

    @Test
    public void theHomePageListsTheAgenciesWithTheSecurityHeaders() {
        String code = "W" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(code), asAdmin()).status());
        Http.Response home = page(new PortalSession(), "/");
        assertPortalPage(200, home);
        assertTrue(home.body(), home.body().contains("<html lang=\"en\">"));
        assertTrue(home.body(), home.body().contains(code + " Police"));
        assertTrue(home.body(), home.body().contains("href=\"/agencies/" + code + "\""));
        assertTrue(home.body(), home.body().contains("href=\"/sign-in\""));
        assertTrue("the REST API keeps /api", http.get("/api/health").header("Content-Type").orElse("").contains("json"));

        Http.Response css = http.get("/static/porchlight.css");
        assertEquals(200, css.status());
        assertTrue(css.header("Content-Type").orElse("").startsWith("text/css"));
        assertEquals("nosniff", css.header("X-Content-Type-Options").orElse(""));
        Http.Response htmx = http.get("/static/htmx.min.js");
        assertEquals(200, htmx.status());
        assertTrue(htmx.body().contains("htmx"));
    }

    @Test
    public void signingInSetsAnHttpOnlySameSiteCookieAndShowsTheStartPage() {
        PortalSession browser = new PortalSession();
        Http.Response form = page(browser, "/sign-in");
        assertPortalPage(200, form);
        assertTrue(form.body().contains("<label for=\"password\">"));
        Http.Response r = submit(browser, "/sign-in", signInForm(formToken(form), ADMIN_EMAIL, ADMIN_PASSWORD));
        assertEquals(r.toString(), 303, r.status());
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("pl_session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + r.headers()));
        assertTrue(cookie, cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Lax") && cookie.contains("; Path=/"));
        assertFalse("plain HTTP: not Secure, so that the browser keeps it", cookie.contains("Secure"));

        Http.Response start = page(browser, "/start");
        assertPortalPage(200, start);
        assertTrue(start.body(), start.body().contains("a platform administrator"));
        assertTrue("the sign-in is in the audit log", rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'portal.sign-in'"
                + " AND outcome = '303'") >= 1);
        assertTrue(start.body(), start.body().contains("action=\"/sign-out\""));

        Http.Response visitor = page(new PortalSession(), "/start");
        assertEquals(303, visitor.status());
        assertEquals("/sign-in", visitor.header("Location").orElse(""));

        assertEquals("signed in already", "/start", page(browser, "/sign-in").header("Location").orElse(""));
        String foreignToken = formToken(page(new PortalSession(), "/sign-in"));
        Http.Response wrong = submit(new PortalSession(), "/sign-in", signInForm(foreignToken, ADMIN_EMAIL, "wrong"));
        assertEquals(403, wrong.status()); // this browser has no CSRF cookie: refused before the password is looked at
    }

    /** Failed sign-ins, summed over the identity bundle's throttle rows (per pair, address and account). */
    private long throttledFailures() {
        return rows("SELECT COALESCE(SUM(failures), 0) FROM identity.login_throttle");
    }

    @Test
    public void aWrongPasswordShowsTheFormAgainWithoutASessionAndCountsAsTheApisDo() {
        PortalSession browser = new PortalSession();
        String token = formToken(page(browser, "/sign-in"));
        long before = throttledFailures();
        Http.Response r = submit(browser, "/sign-in", signInForm(token, ADMIN_EMAIL, "not the passphrase"));
        assertPortalPage(401, r);
        assertTrue(r.body(), r.body().contains("The e-mail address or the password is wrong."));
        assertTrue(r.body(), r.body().contains("value=\"" + ADMIN_EMAIL + "\""));
        assertEquals(null, browser.session);
        assertTrue("the form's failure is counted by the same throttle as the token endpoint's", throttledFailures() > before);
        assertTrue(rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'portal.sign-in' AND outcome = '401'") >= 1);

        long counted = throttledFailures();
        assertPortalPage(403, submit(new PortalSession(), "/sign-in", signInForm(token, ADMIN_EMAIL, "not the passphrase")));
        assertEquals("a refused form checks no password", counted, throttledFailures());
        // a successful sign-in clears the count of this account and address, so that other tests are not held up
        signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @Test
    public void aFormWithoutOrWithAWrongCsrfTokenIsRefusedAndChangesNothing() {
        // Sign-in: with the right password, but no token, another token, or the token from another site.
        for (String token : new String[] {null, "", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
            PortalSession browser = new PortalSession();
            page(browser, "/sign-in");
            Http.Response r = submit(browser, "/sign-in", signInForm(token, ADMIN_EMAIL, ADMIN_PASSWORD));
            assertPortalPage(403, r);
            assertEquals("no session from a refused form", null, browser.session);
        }
        PortalSession crossSite = new PortalSession();
        String token = formToken(page(crossSite, "/sign-in"));
        assertPortalPage(403, submit(crossSite, "/sign-in", signInForm(token, ADMIN_EMAIL, ADMIN_PASSWORD),
                "Origin", "https://evil.example"));
        assertEquals(null, crossSite.session);

        // Sign-out: refused without the token; the session still works afterwards.
        PortalSession admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String session = admin.session;
        for (Map<String, String> form : List.of(Map.<String, String>of(), Map.of("csrf", "x"),
                Map.of("csrf", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"))) {
            assertPortalPage(403, submit(admin, "/sign-out", form));
            assertEquals(session, admin.session);
        }
        assertPortalPage(200, page(admin, "/start"));
    }

    @Test
    public void aTamperedCookieIsSomeoneSignedOut() {
        PortalSession admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String session = admin.session;
        int split = session.indexOf('~');
        String access = session.substring(0, split);
        String refresh = session.substring(split + 1);
        String flipped = access.substring(0, access.length() - 2) + (access.endsWith("AA") ? "BB" : "AA");
        for (String forged : new String[] {flipped + "~" + refresh.substring(0, refresh.length() - 2) + "xx", "garbage",
            access, "~" + refresh + "x", session.replace('~', '.')}) {
            PortalSession browser = new PortalSession();
            browser.session = forged;
            Http.Response r = page(browser, "/start");
            assertEquals(forged, 303, r.status());
            assertEquals("/sign-in", r.header("Location").orElse(""));
            assertEquals("the browser is told to forget it", null, browser.session);
        }
    }

    @Test
    public void anAccessTokenGivenAnotherRoleDoesNotRaiseTheResident() {
        String email = "web-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        residentSession(email);
        PortalSession resident = signedIn(email, PEOPLE_PASSWORD);
        String[] parts = resident.session.substring(0, resident.session.indexOf('~')).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims, claims.contains("\"RESIDENT\""));
        String raised = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.replace("\"RESIDENT\"", "\"PLATFORM_ADMIN\"").getBytes(StandardCharsets.UTF_8));
        resident.session = parts[0] + "." + raised + "." + parts[2] + resident.session.substring(resident.session.indexOf('~'));
        Http.Response start = page(resident, "/start");
        // The signature fails; the refresh token renews the session as what the account really is.
        assertPortalPage(200, start);
        assertTrue(start.body(), start.body().contains("a resident"));
        assertFalse(start.body(), start.body().contains("platform administrator"));
    }

    @Test
    public void signingOutClearsTheCookieAndEndsTheSignIn() {
        PortalSession admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String refresh = admin.session.substring(admin.session.indexOf('~') + 1);
        String token = formToken(page(admin, "/start"));
        Http.Response out = submit(admin, "/sign-out", Map.of("csrf", token));
        assertEquals(out.toString(), 303, out.status());
        assertEquals("/", out.header("Location").orElse(""));
        assertTrue(out.headers().allValues("Set-Cookie").toString(),
                out.headers().allValues("Set-Cookie").stream()
                        .anyMatch(c -> c.startsWith("pl_session=;") && c.contains("Max-Age=0")));
        assertEquals(null, admin.session);
        assertTrue(rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'portal.sign-out'") >= 1);
        assertEquals("the sign-in's refresh token is revoked", 401, http.postForm("/api/auth/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refresh)).status());
        Http.Response home = page(admin, "/");
        assertTrue(home.body(), home.body().contains("href=\"/sign-in\""));
    }

    @Test
    public void anUnknownPageIsThe404PageWithoutAStackTrace() {
        for (String path : List.of("/no/such/page", "/static-not", "/%3Cscript%3E")) {
            Http.Response r = page(new PortalSession(), path);
            assertPortalPage(404, r);
            assertTrue(r.body(), r.body().contains("Page not found"));
            assertFalse(r.body(), r.body().contains("<script>"));
        }
    }

    @Test
    public void spanishFromTheBrowserOrTheSwitch() {
        Http.Response es = page(new PortalSession(), "/", "Accept-Language", "es-MX,es;q=0.9,en;q=0.5");
        assertPortalPage(200, es);
        assertTrue(es.body(), es.body().contains("<html lang=\"es\">") && es.body().contains("Agencias"));
        assertTrue(page(new PortalSession(), "/nothing", "Accept-Language", "es").body().contains("Página no encontrada"));

        PortalSession browser = new PortalSession();
        Http.Response switched = page(browser, "/?lang=es", "Accept-Language", "en");
        assertTrue(switched.body().contains("<html lang=\"es\">"));
        assertEquals("es", browser.lang);
        assertTrue(page(browser, "/sign-in", "Accept-Language", "en").body().contains("Contraseña"));
        page(browser, "/?lang=en");
        assertTrue(page(browser, "/sign-in", "Accept-Language", "es").body().contains("Password"));
    }

    /**
     * The access matrix of the portal: every page any bundle registers, opened by a visitor, a resident, each agency
     * staff role, a vendor and a platform admin, lets in exactly the roles its PageInfo names; and a POST without the CSRF token is refused on every page.
     */
    @Test
    public void everyPageLetsInExactlyItsRoles() throws Exception {
        String email = "web-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        residentSession(email);
        Map<String, PortalSession> callers = new java.util.LinkedHashMap<>();
        callers.put(Roles.RESIDENT, signedIn(email, PEOPLE_PASSWORD));
        callers.put(Roles.PLATFORM_ADMIN, signedIn(ADMIN_EMAIL, ADMIN_PASSWORD));
        String[] admin = asAdmin();
        http.postJson("/api/agencies", IdentityIT.agency("WPM"), admin);
        for (String role : List.of(Roles.OFFICER, Roles.SUPERVISOR, Roles.PIO, Roles.AGENCY_ADMIN)) {
            String staff = "web-" + role.toLowerCase() + "@wpm.itest.example";
            staffSession("WPM", staff, role, admin);
            callers.put(role, signedIn(staff, PEOPLE_PASSWORD));
        }
        callers.put(Roles.VENDOR, signedIn(vendorAccount(admin), PEOPLE_PASSWORD));
        int checked = 0;
        for (var reference : context.getServiceReferences(Page.class, null)) {
            PageInfo info = context.getService(reference).info();
            context.ungetService(reference);
            String path = info.path().replace(PageInfo.WILDCARD, "WPM"); // a wildcard segment: the agency of this test
            Http.Response visitor = page(new PortalSession(), path);
            if (info.allows(null)) {
                assertTrue(info + ": " + visitor, visitor.status() == 200 || visitor.status() == 303);
            } else {
                assertEquals(info.toString(), 303, visitor.status());
                assertEquals(info.toString(), "/sign-in", visitor.header("Location").orElse(""));
            }
            for (Map.Entry<String, PortalSession> caller : callers.entrySet()) {
                Http.Response r = page(caller.getValue(), path);
                if (info.allows(caller.getKey())) {
                    assertTrue(caller.getKey() + " " + info + ": " + r, r.status() == 200 || r.status() == 303);
                } else {
                    assertPortalPage(403, r);
                }
                assertPortalPage(403, submit(caller.getValue(), path, Map.of("csrf", "wrong")));
            }
            checked++;
        }
        assertTrue("the shell's own pages at least", checked >= 3);

        // The forms under the pages' paths (issue 19): a wrong CSRF token is refused for everyone, and with the right one
        // a role the page does not name is refused before anything is done.
        Set<String> everyone = Set.of(Roles.RESIDENT, Roles.OFFICER, Roles.SUPERVISOR, Roles.PIO, Roles.AGENCY_ADMIN,
                Roles.VENDOR, Roles.PLATFORM_ADMIN);
        String someone = UUID.randomUUID().toString();
        Map<String, Set<String>> forms = Map.of("/account/profile", everyone, "/account/password", everyone,
                "/password", everyone, "/password/reset", everyone, "/agency/staff/" + someone + "/enable",
                Set.of(Roles.AGENCY_ADMIN), "/agency/staff/" + someone + "/invitation", Set.of(Roles.AGENCY_ADMIN));
        for (Map.Entry<String, Set<String>> form : forms.entrySet()) {
            assertPortalPage(403, submit(new PortalSession(), form.getKey(), Map.of("csrf", "wrong")));
            for (Map.Entry<String, PortalSession> caller : callers.entrySet()) {
                assertPortalPage(403, submit(caller.getValue(), form.getKey(), Map.of("csrf", "wrong")));
                if (!form.getValue().contains(caller.getKey())) {
                    assertPortalPage(403, submit(caller.getValue(), form.getKey(), Map.of("csrf", caller.getValue().csrf)));
                }
            }
        }
    }

    /**
     * A multipart body is read only for a page that takes files on that path: sign-in, sign-out, a page that
     * takes no files and an unknown witness link are refused (415, 410) before the body is looked at.
     */
    @Test
    public void aMultipartBodyIsReadOnlyWhereAPageTakesFiles() {
        PortalSession admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        byte[] file = new byte[4096];
        for (String path : List.of("/sign-in", "/sign-out", "/start", "/dashboard", "/admin/agencies")) {
            assertPortalPage(415, submitFile(admin, path, admin.csrf, "file", "a.mp4", "video/mp4", file));
        }
        PortalSession visitor = new PortalSession();
        String token = formToken(page(visitor, "/sign-in"));
        assertPortalPage(415, submitFile(visitor, "/sign-in", token, "file", "a.mp4", "video/mp4", file));
        Http.Response unknownLink = submitFile(visitor, "/witness/" + "A".repeat(43) + "/files", token, "file", "a.mp4",
                "video/mp4", file);
        assertPortalPage(410, unknownLink); // as the API: an unknown, expired or revoked link is "not open"
        assertTrue(unknownLink.body(), unknownLink.body().contains("no longer open"));
        assertEquals("refused bodies leave no form entries", 0,
                rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'portal.form /witness'"));
    }

    /** A form's attempt is on the record before the page acts, its outcome after, as the REST core's are. */
    @Test
    public void aFormIsRecordedAsStartedBeforeThePageActsAndWithItsOutcomeAfter() throws Exception {
        PageInfo info = new PageInfo("/itest-form", "itest.form.title", Set.of(Roles.PLATFORM_ADMIN), null, 0);
        long[] startedWhenCalled = new long[1];
        Page page = new Page() {
            @Override
            public PageInfo info() {
                return info;
            }

            @Override
            public PageView render(PageRequest request) {
                return PageView.redirect("/start");
            }

            @Override
            public Optional<PageView> submit(PageRequest request) {
                startedWhenCalled[0] = rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'portal.form /itest-form'"
                        + " AND outcome = 'started' AND target = 'x/[token]'");
                return Optional.of(PageView.redirect("/start"));
            }
        };
        ServiceRegistration<Page> registration = context.registerService(Page.class, page, new Hashtable<>());
        try {
            PortalSession admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            http.await("/itest-form", r -> r.status() != 404, Duration.ofSeconds(10));
            String path = "/itest-form/x/" + "B".repeat(40);
            assertEquals(303, submit(admin, path, Map.of("csrf", admin.csrf)).status());
            assertEquals("the attempt was recorded before the page ran, the token left out", 1, startedWhenCalled[0]);
            assertEquals(1, rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'portal.form /itest-form' AND outcome = '303'"
                    + " AND target = 'x/[token]'"));
            assertEquals("a refused token records nothing", 403, submit(admin, path, Map.of("csrf", "forged")).status());
            assertEquals(2, rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'portal.form /itest-form'"));
        } finally {
            registration.unregister();
        }
    }

    /** A page another bundle contributes: listed and opened for the roles it names only, gone with its service. */
    @Test
    public void aContributedPageIsShownOnlyToItsRoles() throws Exception {
        PageInfo info = new PageInfo("/itest-admin", "itest.admin.title", Set.of(Roles.PLATFORM_ADMIN), PageInfo.GROUP_ADMIN, 5);
        Page page = new Page() {
            @Override
            public PageInfo info() {
                return info;
            }

            @Override
            public PageView render(PageRequest request) {
                return PageView.redirect("/start?from=itest");
            }
        };
        ServiceRegistration<Page> registration = context.registerService(Page.class, page, new Hashtable<>());
        try {
            PortalSession admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            assertTrue(page(admin, "/start").body().contains("href=\"/itest-admin\""));
            Http.Response opened = page(admin, "/itest-admin");
            assertEquals(opened.toString(), 303, opened.status());
            assertEquals("/start?from=itest", opened.header("Location").orElse(""));

            String email = "web-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
            residentSession(email);
            PortalSession resident = signedIn(email, PEOPLE_PASSWORD);
            assertFalse(page(resident, "/start").body().contains("/itest-admin"));
            assertPortalPage(403, page(resident, "/itest-admin"));
            assertEquals("/sign-in", page(new PortalSession(), "/itest-admin").header("Location").orElse(""));
            assertFalse(page(new PortalSession(), "/").body().contains("/itest-admin"));
            assertPortalPage(405, submit(admin, "/itest-admin", Map.of("csrf", admin.csrf)));
        } finally {
            registration.unregister();
        }
        http.await("/itest-admin", r -> r.status() == 404, Duration.ofSeconds(10));
    }
}
