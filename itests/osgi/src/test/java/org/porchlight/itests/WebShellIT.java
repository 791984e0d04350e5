package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

/**
 * The web portal's shell over real HTTP: the public home page, sign-in with a session cookie,
 * CSRF protection, a tampered cookie, sign-out, error pages, languages, and a page that another
 * bundle contributes (here the test) appearing in the navigation of the roles it names only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class WebShellIT extends PorchlightTestSupport {

    private static final Pattern TOKEN_FIELD = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"");

    /** A browser's cookies, as far as these tests need them. */
    private static final class Browser {
        String csrf;
        String session;
        String lang;

        String[] headers(String... more) {
            StringBuilder cookie = new StringBuilder();
            if (csrf != null) {
                cookie.append("pl_csrf=").append(csrf).append("; ");
            }
            if (session != null) {
                cookie.append("pl_session=").append(session).append("; ");
            }
            if (lang != null) {
                cookie.append("pl_lang=").append(lang).append("; ");
            }
            String[] headers = new String[more.length + (cookie.length() > 0 ? 2 : 0)];
            System.arraycopy(more, 0, headers, 0, more.length);
            if (cookie.length() > 0) {
                headers[more.length] = "Cookie";
                headers[more.length + 1] = cookie.toString();
            }
            return headers;
        }

        /** Takes the cookies an answer sets or clears. */
        Http.Response keep(Http.Response r) {
            for (String set : r.headers().allValues("Set-Cookie")) {
                String value = set.substring(set.indexOf('=') + 1, set.indexOf(';'));
                if (set.startsWith("pl_csrf=")) {
                    csrf = value.isEmpty() ? null : value;
                } else if (set.startsWith("pl_session=")) {
                    session = value.isEmpty() ? null : value;
                } else if (set.startsWith("pl_lang=")) {
                    lang = value;
                }
            }
            return r;
        }
    }

    private Http.Response get(Browser browser, String path, String... headers) {
        http.await("/", r -> r.status() == 200, SWAP_TIMEOUT);
        return browser.keep(http.get(path, browser.headers(headers)));
    }

    private Http.Response post(Browser browser, String path, Map<String, String> form, String... headers) {
        return browser.keep(http.postForm(path, form, browser.headers(headers)));
    }

    private static String formToken(Http.Response page) {
        Matcher m = TOKEN_FIELD.matcher(page.body());
        assertTrue("the page has a form with the CSRF token: " + page.body(), m.find());
        return m.group(1);
    }

    private static Map<String, String> signInForm(String token, String email, String password) {
        return token == null ? Map.of("email", email, "password", password)
                : Map.of("csrf", token, "email", email, "password", password);
    }

    /** Signs in through the form; returns the browser with its session. */
    private Browser signedIn(String email, String password) {
        Browser browser = new Browser();
        String token = formToken(get(browser, "/sign-in"));
        Http.Response r = post(browser, "/sign-in", signInForm(token, email, password));
        assertEquals(r.toString(), 303, r.status());
        assertEquals("/start", r.header("Location").orElse(""));
        return browser;
    }

    private static void assertPortalPage(int status, Http.Response r) {
        assertEquals(r.toString(), status, r.status());
        assertTrue(r.toString(), r.header("Content-Type").orElse("").startsWith("text/html"));
        String csp = r.header("Content-Security-Policy").orElse("");
        assertTrue(csp, csp.startsWith("default-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assertFalse(csp, csp.contains("unsafe-inline"));
        assertEquals("nosniff", r.header("X-Content-Type-Options").orElse(""));
        assertEquals("same-origin", r.header("Referrer-Policy").orElse(""));
        assertEquals("no-store", r.header("Cache-Control").orElse(""));
        assertFalse(r.body(), r.body().contains("Exception") || r.body().contains("\tat ") || r.body().contains("freemarker"));
    }

    @Test
    public void theHomePageListsTheAgenciesWithTheSecurityHeaders() {
        String code = "W" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(code), asAdmin()).status());
        Http.Response home = get(new Browser(), "/");
        assertPortalPage(200, home);
        assertTrue(home.body(), home.body().contains("<html lang=\"en\">"));
        assertTrue(home.body(), home.body().contains(code + " Police"));
        assertTrue(home.body(), home.body().contains("href=\"/api/public/agencies/" + code + "/transparency\""));
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
        Browser browser = new Browser();
        Http.Response form = get(browser, "/sign-in");
        assertPortalPage(200, form);
        assertTrue(form.body().contains("<label for=\"password\">"));
        Http.Response r = post(browser, "/sign-in", signInForm(formToken(form), ADMIN_EMAIL, ADMIN_PASSWORD));
        assertEquals(r.toString(), 303, r.status());
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("pl_session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + r.headers()));
        assertTrue(cookie, cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Lax") && cookie.contains("; Path=/"));
        assertFalse("plain HTTP: not Secure, so that the browser keeps it", cookie.contains("Secure"));

        Http.Response start = get(browser, "/start");
        assertPortalPage(200, start);
        assertTrue(start.body(), start.body().contains("a platform administrator"));
        assertTrue("the sign-in is in the audit log", rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'portal.sign-in'"
                + " AND outcome = '303'") >= 1);
        assertTrue(start.body(), start.body().contains("action=\"/sign-out\""));

        Http.Response visitor = get(new Browser(), "/start");
        assertEquals(303, visitor.status());
        assertEquals("/sign-in", visitor.header("Location").orElse(""));

        assertEquals("signed in already", "/start", get(browser, "/sign-in").header("Location").orElse(""));
        String foreignToken = formToken(get(new Browser(), "/sign-in"));
        Http.Response wrong = post(new Browser(), "/sign-in", signInForm(foreignToken, ADMIN_EMAIL, "wrong"));
        assertEquals(403, wrong.status()); // this browser has no CSRF cookie: refused before the password is looked at
    }

    /** Failed sign-ins, summed over the identity bundle's throttle rows (per pair, address and account). */
    private long throttledFailures() {
        return rows("SELECT COALESCE(SUM(failures), 0) FROM identity.login_throttle");
    }

    @Test
    public void aWrongPasswordShowsTheFormAgainWithoutASessionAndCountsAsTheApisDo() {
        Browser browser = new Browser();
        String token = formToken(get(browser, "/sign-in"));
        long before = throttledFailures();
        Http.Response r = post(browser, "/sign-in", signInForm(token, ADMIN_EMAIL, "not the passphrase"));
        assertPortalPage(401, r);
        assertTrue(r.body(), r.body().contains("The e-mail address or the password is wrong."));
        assertTrue(r.body(), r.body().contains("value=\"" + ADMIN_EMAIL + "\""));
        assertEquals(null, browser.session);
        assertTrue("the form's failure is counted by the same throttle as the token endpoint's", throttledFailures() > before);
        assertTrue(rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'portal.sign-in' AND outcome = '401'") >= 1);

        long counted = throttledFailures();
        assertPortalPage(403, post(new Browser(), "/sign-in", signInForm(token, ADMIN_EMAIL, "not the passphrase")));
        assertEquals("a refused form checks no password", counted, throttledFailures());
        // a successful sign-in clears the count of this account and address, so that other tests are not held up
        signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
    }

    @Test
    public void aFormWithoutOrWithAWrongCsrfTokenIsRefusedAndChangesNothing() {
        // Sign-in: with the right password, but no token, another token, or the token from another site.
        for (String token : new String[] {null, "", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
            Browser browser = new Browser();
            get(browser, "/sign-in");
            Http.Response r = post(browser, "/sign-in", signInForm(token, ADMIN_EMAIL, ADMIN_PASSWORD));
            assertPortalPage(403, r);
            assertEquals("no session from a refused form", null, browser.session);
        }
        Browser crossSite = new Browser();
        String token = formToken(get(crossSite, "/sign-in"));
        assertPortalPage(403, post(crossSite, "/sign-in", signInForm(token, ADMIN_EMAIL, ADMIN_PASSWORD),
                "Origin", "https://evil.example"));
        assertEquals(null, crossSite.session);

        // Sign-out: refused without the token; the session still works afterwards.
        Browser admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String session = admin.session;
        for (Map<String, String> form : List.of(Map.<String, String>of(), Map.of("csrf", "x"),
                Map.of("csrf", "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"))) {
            assertPortalPage(403, post(admin, "/sign-out", form));
            assertEquals(session, admin.session);
        }
        assertPortalPage(200, get(admin, "/start"));
    }

    @Test
    public void aTamperedCookieIsSomeoneSignedOut() {
        Browser admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String session = admin.session;
        int split = session.indexOf('~');
        String access = session.substring(0, split);
        String refresh = session.substring(split + 1);
        String flipped = access.substring(0, access.length() - 2) + (access.endsWith("AA") ? "BB" : "AA");
        for (String forged : new String[] {flipped + "~" + refresh.substring(0, refresh.length() - 2) + "xx", "garbage",
            access, "~" + refresh + "x", session.replace('~', '.')}) {
            Browser browser = new Browser();
            browser.session = forged;
            Http.Response r = get(browser, "/start");
            assertEquals(forged, 303, r.status());
            assertEquals("/sign-in", r.header("Location").orElse(""));
            assertEquals("the browser is told to forget it", null, browser.session);
        }
    }

    @Test
    public void anAccessTokenGivenAnotherRoleDoesNotRaiseTheResident() {
        String email = "web-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        residentSession(email);
        Browser resident = signedIn(email, PEOPLE_PASSWORD);
        String[] parts = resident.session.substring(0, resident.session.indexOf('~')).split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims, claims.contains("\"RESIDENT\""));
        String raised = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.replace("\"RESIDENT\"", "\"PLATFORM_ADMIN\"").getBytes(StandardCharsets.UTF_8));
        resident.session = parts[0] + "." + raised + "." + parts[2] + resident.session.substring(resident.session.indexOf('~'));
        Http.Response start = get(resident, "/start");
        // The signature fails; the refresh token renews the session as what the account really is.
        assertPortalPage(200, start);
        assertTrue(start.body(), start.body().contains("a resident"));
        assertFalse(start.body(), start.body().contains("platform administrator"));
    }

    @Test
    public void signingOutClearsTheCookieAndEndsTheSignIn() {
        Browser admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        String refresh = admin.session.substring(admin.session.indexOf('~') + 1);
        String token = formToken(get(admin, "/start"));
        Http.Response out = post(admin, "/sign-out", Map.of("csrf", token));
        assertEquals(out.toString(), 303, out.status());
        assertEquals("/", out.header("Location").orElse(""));
        assertTrue(out.headers().allValues("Set-Cookie").toString(),
                out.headers().allValues("Set-Cookie").stream()
                        .anyMatch(c -> c.startsWith("pl_session=;") && c.contains("Max-Age=0")));
        assertEquals(null, admin.session);
        assertTrue(rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'portal.sign-out'") >= 1);
        assertEquals("the sign-in's refresh token is revoked", 401, http.postForm("/api/auth/token",
                Map.of("grant_type", "refresh_token", "refresh_token", refresh)).status());
        Http.Response home = get(admin, "/");
        assertTrue(home.body(), home.body().contains("href=\"/sign-in\""));
    }

    @Test
    public void anUnknownPageIsThe404PageWithoutAStackTrace() {
        for (String path : List.of("/no/such/page", "/static-not", "/%3Cscript%3E")) {
            Http.Response r = get(new Browser(), path);
            assertPortalPage(404, r);
            assertTrue(r.body(), r.body().contains("Page not found"));
            assertFalse(r.body(), r.body().contains("<script>"));
        }
    }

    @Test
    public void spanishFromTheBrowserOrTheSwitch() {
        Http.Response es = get(new Browser(), "/", "Accept-Language", "es-MX,es;q=0.9,en;q=0.5");
        assertPortalPage(200, es);
        assertTrue(es.body(), es.body().contains("<html lang=\"es\">") && es.body().contains("Agencias"));
        assertTrue(get(new Browser(), "/nothing", "Accept-Language", "es").body().contains("Página no encontrada"));

        Browser browser = new Browser();
        Http.Response switched = get(browser, "/?lang=es", "Accept-Language", "en");
        assertTrue(switched.body().contains("<html lang=\"es\">"));
        assertEquals("es", browser.lang);
        assertTrue(get(browser, "/sign-in", "Accept-Language", "en").body().contains("Contraseña"));
        get(browser, "/?lang=en");
        assertTrue(get(browser, "/sign-in", "Accept-Language", "es").body().contains("Password"));
    }

    /**
     * The access matrix of the portal: every page any bundle registers, opened by a visitor, a resident and a platform
     * admin, lets in exactly the roles its PageInfo names; and a POST without the CSRF token is refused on every page.
     */
    @Test
    public void everyPageLetsInExactlyItsRoles() throws Exception {
        String email = "web-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        residentSession(email);
        Map<String, Browser> callers = Map.of("RESIDENT", signedIn(email, PEOPLE_PASSWORD),
                Roles.PLATFORM_ADMIN, signedIn(ADMIN_EMAIL, ADMIN_PASSWORD));
        int checked = 0;
        for (var reference : context.getServiceReferences(Page.class, null)) {
            PageInfo info = context.getService(reference).info();
            context.ungetService(reference);
            Http.Response visitor = get(new Browser(), info.path());
            if (info.allows(null)) {
                assertTrue(info + ": " + visitor, visitor.status() == 200 || visitor.status() == 303);
            } else {
                assertEquals(info.toString(), 303, visitor.status());
                assertEquals(info.toString(), "/sign-in", visitor.header("Location").orElse(""));
            }
            for (Map.Entry<String, Browser> caller : callers.entrySet()) {
                Http.Response r = get(caller.getValue(), info.path());
                if (info.allows(caller.getKey())) {
                    assertTrue(caller.getKey() + " " + info + ": " + r, r.status() == 200 || r.status() == 303);
                } else {
                    assertPortalPage(403, r);
                }
                assertPortalPage(403, post(caller.getValue(), info.path(), Map.of("csrf", "wrong")));
            }
            checked++;
        }
        assertTrue("the shell's own pages at least", checked >= 3);
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
            Browser admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            assertTrue(get(admin, "/start").body().contains("href=\"/itest-admin\""));
            Http.Response opened = get(admin, "/itest-admin");
            assertEquals(opened.toString(), 303, opened.status());
            assertEquals("/start?from=itest", opened.header("Location").orElse(""));

            String email = "web-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
            residentSession(email);
            Browser resident = signedIn(email, PEOPLE_PASSWORD);
            assertFalse(get(resident, "/start").body().contains("/itest-admin"));
            assertPortalPage(403, get(resident, "/itest-admin"));
            assertEquals("/sign-in", get(new Browser(), "/itest-admin").header("Location").orElse(""));
            assertFalse(get(new Browser(), "/").body().contains("/itest-admin"));
            assertPortalPage(405, post(admin, "/itest-admin", Map.of("csrf", admin.csrf)));
        } finally {
            registration.unregister();
        }
        http.await("/itest-admin", r -> r.status() == 404, Duration.ofSeconds(10));
    }
}
