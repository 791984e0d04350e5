package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;

import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.api.security.Roles;
import org.porchlight.itests.support.AdminFixtureBundle;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

/**
 * The platform admin's portal pages over real HTTP: /admin/modules (provenance, upload, stop and
 * start, refusals shown, a module's own page coming and going with it), /admin/health and /audit
 * (entries, filter, verification); other roles get 403.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AdminPagesIT extends PorchlightTestSupport {

    private static final Pattern INSTALLED = Pattern.compile("/admin/modules\\?done=install&id=(\\d+)");

    @Override
    @Configuration
    public Option[] configuration() {
        Option[] options = super.configuration(); // builds the fixtures and the signing keys
        AdminFixtureBundle.build();
        return options;
    }

    @Test
    public void theModulesPageShowsProvenanceAndAModulesOwnPageComesAndGoesWithIt() throws Exception {
        PortalSession admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Http.Response list = page(admin, "/admin/modules");
        assertPortalPage(200, list);
        assertTrue(list.body(), list.body().contains("<h1>Modules</h1>"));
        assertTrue("core modules with their provenance", list.body().contains("org.porchlight.notify.email")
                && list.body().contains("Shipped with the server"));
        assertTrue("the upload form", list.body().contains("enctype=\"multipart/form-data\"") && list.body().contains("data-upload")
                && list.body().contains("<progress hidden"));
        assertFalse(list.body().contains(AdminFixtureBundle.PAGE));

        // refused: not signed, shown on the page with the manager's reason
        Http.Response unsigned = submitModule(admin, "/admin/modules/install", AdminFixtureBundle.jar());
        assertPortalPage(422, unsigned);
        assertTrue(unsigned.body(), unsigned.body().contains("not signed"));
        assertTrue(unsigned.body(), unsigned.body().contains("class=\"error\" role=\"alert\" id=\"modules-error\""));
        Http.Response stranger = submitModule(admin, "/admin/modules/install", Fixtures.signedByStranger(Fixtures.greeting(1)));
        assertPortalPage(422, stranger);
        assertTrue(stranger.body(), stranger.body().contains("signed by CN=Porchlight itest stranger"));
        Http.Response none = submit(admin, "/admin/modules/install", Map.of("csrf", admin.csrf));
        assertPortalPage(400, none);
        assertTrue(none.body(), none.body().contains("Choose a module file"));

        // installed from the page: signed by the test vendor
        Http.Response installed = submitModule(admin, "/admin/modules/install", AdminFixtureBundle.signed());
        assertEquals(installed.toString(), 303, installed.status());
        Matcher m = INSTALLED.matcher(installed.header("Location").orElse(""));
        assertTrue(installed.toString(), m.matches());
        long id = Long.parseLong(m.group(1));
        Http.Response shown = page(admin, installed.header("Location").get());
        assertPortalPage(200, shown);
        assertTrue(shown.body(), shown.body().contains("Installed Itest module page 1.0.0: ACTIVE."));
        assertTrue(shown.body(), shown.body().contains(AdminFixtureBundle.SYMBOLIC_NAME + " (#" + id + ")"));
        assertTrue(shown.body(), shown.body().contains("Vendor (trusted key)") && shown.body().contains("Signed by itest"));
        assertTrue("the stop button asks first", shown.body().contains("data-confirm=\"Stop Itest module page?"));
        assertTrue("its page is in the navigation", awaitNavigation(admin, true));
        Http.Response own = page(admin, AdminFixtureBundle.PAGE);
        assertPortalPage(200, own);
        assertTrue(own.body(), own.body().contains("This page belongs to a test module."));

        // stopped: its page goes from the navigation and from the portal
        Http.Response stopped = submit(admin, "/admin/modules/" + id + "/stop", Map.of("csrf", admin.csrf));
        assertEquals(stopped.toString(), 303, stopped.status());
        assertEquals("/admin/modules?done=stop&id=" + id, stopped.header("Location").orElse(""));
        assertTrue(page(admin, stopped.header("Location").get()).body().contains("Stopped Itest module page 1.0.0: RESOLVED."));
        assertTrue("its page left the navigation", awaitNavigation(admin, false));
        assertEquals(404, page(admin, AdminFixtureBundle.PAGE).status());
        assertEquals("RESOLVED", http.get("/api/admin/modules/" + id, asAdmin()).json().path("state").asText());

        // started again: back
        Http.Response started = submit(admin, "/admin/modules/" + id + "/start", Map.of("csrf", admin.csrf));
        assertEquals(started.toString(), 303, started.status());
        assertTrue("its page is back", awaitNavigation(admin, true));
        Http.Response back = page(admin, AdminFixtureBundle.PAGE);
        assertPortalPage(200, back);
        assertTrue(back.body(), back.body().contains("<p id=\"module-version\">1.0.0</p>"));

        // updated through the page: the page changes with the module, no restart
        Http.Response updated = submitModule(admin, "/admin/modules/" + id + "/update", AdminFixtureBundle.signedUpdate());
        assertEquals(updated.toString(), 303, updated.status());
        http.await(AdminFixtureBundle.PAGE, r -> r.body().contains("<p id=\"module-version\">2.0.0</p>"), SWAP_TIMEOUT,
                admin.headers());
        assertTrue("still listed after the update", awaitNavigation(admin, true));

        // a platform module cannot be stopped: the manager's reason on the page
        long core = bundle("org.porchlight.store").getBundleId();
        Http.Response refused = submit(admin, "/admin/modules/" + core + "/stop", Map.of("csrf", admin.csrf));
        assertPortalPage(409, refused);
        assertTrue(refused.body(), refused.body().contains("part of the platform"));

        String audit = http.get("/api/audit?limit=1000", asAdmin()).body();
        assertTrue(audit, audit.contains("module=" + AdminFixtureBundle.SYMBOLIC_NAME + " version=1.0.0"));
        assertTrue(audit.contains("\"action\":\"module.stop\"") && audit.contains("\"action\":\"module.start\""));

        Http.Response removed = submit(admin, "/admin/modules/" + id + "/uninstall", Map.of("csrf", admin.csrf));
        assertEquals(removed.toString(), 303, removed.status());
        assertTrue(awaitNavigation(admin, false));
    }

    @Test
    public void theHealthPageListsEveryCheckWithItsStatus() {
        PortalSession admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Http.Response health = page(admin, "/admin/health");
        assertPortalPage(200, health);
        String body = health.body();
        assertTrue(body, body.contains("<h1>Server health</h1>"));
        for (String check : new String[] {"runtime", "modules"}) {
            assertTrue(check + ": " + body, body.contains("id=\"check-" + check + "\""));
        }
        String status = http.get("/api/health", asAdmin()).json().path("status").asText();
        assertTrue(body, body.contains("id=\"health-status\">" + status + "<"));
        assertTrue("the modules check's details", body.contains("signatures"));
        Http.Response spanish = page(admin, "/admin/health?lang=es");
        assertTrue(spanish.body(), spanish.body().contains("Estado del servidor"));
        page(admin, "/admin/health?lang=en");
    }

    @Test
    public void theAuditPageListsFiltersAndVerifiesTheChainInTheCallersScope() {
        PortalSession admin = signedIn(ADMIN_EMAIL, ADMIN_PASSWORD);
        Http.Response log = page(admin, "/audit");
        assertPortalPage(200, log);
        assertTrue(log.body(), log.body().contains("<h1>Audit log</h1>"));
        assertTrue(log.body(), log.body().contains("portal.sign-in"));
        assertTrue("times shown with their zone", log.body().contains(" UTC</td>"));

        Http.Response verified = page(admin, "/audit/verify");
        assertPortalPage(200, verified);
        assertTrue(verified.body(), verified.body().contains("The chain is intact"));

        Http.Response signIns = page(admin, "/audit?action=portal.sign-in");
        assertTrue(signIns.body(), signIns.body().contains("portal.sign-in"));
        assertFalse("only the action asked for", signIns.body().contains("<td>portal.form</td>"));
        Http.Response nothing = page(admin, "/audit?action=no.such.action");
        assertTrue(nothing.body().contains("No entries match."));
        Http.Response badDay = page(admin, "/audit?from=yesterday");
        assertPortalPage(400, badDay);
        assertTrue(badDay.body(), badDay.body().contains("Enter a day as yyyy-mm-dd."));
        Http.Response escaped = page(admin, "/audit?actor=%3Cscript%3Ealert(1)%3C/script%3E");
        assertPortalPage(200, escaped);
        assertFalse(escaped.body().contains("<script>alert(1)"));
        assertTrue(escaped.body().contains("&lt;script&gt;alert(1)"));

        // an agency admin sees their agency's entries only: not the platform admin's form (no agency)
        assertPortalPage(404, submit(admin, "/admin/modules/987654/stop", Map.of("csrf", admin.csrf)));
        String platformForms = page(admin, "/audit?action=portal.form+/admin/modules").body();
        assertTrue(platformForms, platformForms.contains("<td>987654/stop</td>"));
        String code = "AP" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        String[] token = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(code), token).status());
        String email = "audit-admin@" + code.toLowerCase() + ".itest.example";
        staffSession(code, email, Roles.AGENCY_ADMIN, token);
        PortalSession agencyAdmin = signedIn(email, PEOPLE_PASSWORD);
        Http.Response own = page(agencyAdmin, "/audit?action=portal.form+/admin/modules");
        assertPortalPage(200, own);
        assertTrue(own.body(), own.body().contains("No entries match."));
        assertFalse("no agency field for an agency admin", own.body().contains("id=\"audit-tenant\""));
        assertTrue("their agency's time zone", own.body().contains("America/Chicago"));
        Http.Response others = page(agencyAdmin, "/audit?tenant=KCPD&action=portal.form+/admin/modules");
        assertTrue(others.body(), others.body().contains("No entries match."));
        assertTrue(page(agencyAdmin, "/audit/verify").body().contains("The chain is intact"));
    }

    @Test
    public void residentsAndAgencyAdminsMayNotOpenThePlatformPages() {
        String code = "AQ" + UUID.randomUUID().toString().substring(0, 5).toUpperCase();
        String[] token = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(code), token).status());
        String agencyAdminEmail = "admin@" + code.toLowerCase() + ".itest.example";
        staffSession(code, agencyAdminEmail, Roles.AGENCY_ADMIN, token);
        String residentEmail = "resident-" + UUID.randomUUID().toString().substring(0, 8) + "@itest.example";
        residentSession(residentEmail);
        PortalSession agencyAdmin = signedIn(agencyAdminEmail, PEOPLE_PASSWORD);
        PortalSession resident = signedIn(residentEmail, PEOPLE_PASSWORD);
        for (PortalSession session : new PortalSession[] {agencyAdmin, resident}) {
            assertPortalPage(403, page(session, "/admin/modules"));
            assertPortalPage(403, page(session, "/admin/health"));
            String token2 = PortalSession.formToken(page(session, "/start"));
            long web = bundle("org.porchlight.notify.email").getBundleId();
            assertPortalPage(403, submit(session, "/admin/modules/" + web + "/stop", Map.of("csrf", token2)));
            assertFalse(page(session, "/start").body().contains("href=\"/admin/modules\""));
        }
        assertPortalPage(403, page(resident, "/audit"));
        assertPortalPage(200, page(agencyAdmin, "/audit"));
        assertEquals(303, page(new PortalSession(), "/admin/modules").status());
        assertEquals("ACTIVE", bundleState("org.porchlight.notify.email"));
    }

    private String bundleState(String symbolicName) {
        return bundle(symbolicName).getState() == org.osgi.framework.Bundle.ACTIVE ? "ACTIVE" : "not active";
    }

    /** Waits until the navigation lists the module's page ({@code listed}) or not. */
    private boolean awaitNavigation(PortalSession session, boolean listed) {
        String link = "href=\"" + AdminFixtureBundle.PAGE + "\"";
        return http.await("/start", r -> r.body().contains(link) == listed, SWAP_TIMEOUT, session.headers()).body()
                .contains(link) == listed;
    }
}
