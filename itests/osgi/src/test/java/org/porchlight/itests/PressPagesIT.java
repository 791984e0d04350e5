package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;
import static org.porchlight.itests.support.PortalSession.formToken;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

/**
 * The press bundle's portal pages over HTTP: a PIO writes a template, previews it, gets a bad placeholder back next
 * to its field, edits and compares versions, submits; the agency admin approves (four eyes), the PIO publishes after
 * seeing what goes out, and the public release log shows it. Another agency's PIO finds nothing; text is escaped.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PressPagesIT extends PorchlightTestSupport {

    private static Map<String, String> form(String... pairs) {
        Map<String, String> form = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i], pairs[i + 1]);
        }
        return form;
    }

    @Test
    public void aPioWritesAndPublishesAfterTheAdminApprovesAndTheVisitorReadsTheReleaseLog() {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String agency = "PP" + run;
        String other = "PQ" + run;
        String[] admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(agency), admin).status());
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(other), admin).status());
        String pioEmail = "pio-" + run + "@pages.example";
        String adminEmail = "admin-" + run + "@pages.example";
        String otherEmail = "pio-" + run + "@other.example";
        staffSession(agency, pioEmail, "PIO", admin);
        staffSession(agency, adminEmail, "AGENCY_ADMIN", admin);
        staffSession(other, otherEmail, "PIO", admin);
        PortalSession pio = signedIn(pioEmail, PEOPLE_PASSWORD);

        Http.Response list = page(pio, "/press");
        assertPortalPage(200, list);
        assertTrue(list.body(), list.body().contains("href=\"/press/new\""));
        assertTrue("in the PIO's navigation", list.body().contains("href=\"/press\""));
        String token = formToken(page(pio, "/press/new"));
        String placeholders = "agency AGENCY_NAME\nday DATE = 2026-12-01";

        // A placeholder the template does not declare: the preview refuses it next to the text.
        Http.Response bad = submit(pio, "/press/new", form("csrf", token, "action", "preview", "kind", "PRESS_RELEASE",
                "locale", "en-US", "title", "Water for ${agency}", "body", "Boil water until ${day}. Ask ${nope}.",
                "placeholders", placeholders));
        assertPortalPage(422, bad);
        assertTrue(bad.body(), bad.body().contains("id=\"body-error\""));
        assertTrue(bad.body(), bad.body().contains("nope"));
        assertTrue("what was typed stays", bad.body().contains("Ask ${nope}."));
        // A type the engine does not know: refused next to the placeholders, nothing saved.
        Http.Response badType = submit(pio, "/press/new", form("csrf", token, "action", "save", "kind", "PRESS_RELEASE",
                "locale", "en-US", "title", "Water", "body", "Boil water until ${day}.", "placeholders", "day WHEN = soon"));
        assertPortalPage(422, badType);
        assertTrue(badType.body(), badType.body().contains("id=\"placeholders-error\""));
        assertTrue(badType.body(), badType.body().contains("&#39;WHEN&#39; is not a type") || badType.body().contains("'WHEN' is not a type"));

        // The htmx preview: a fragment with the sample-filled rendering, no layout.
        Http.Response preview = submit(pio, "/press/new/preview", form("csrf", token, "kind", "PRESS_RELEASE", "locale", "en-US",
                "title", "Water for ${agency}", "body", "Boil water until ${day}.", "placeholders", "agency AGENCY_NAME\nday DATE"));
        assertEquals(preview.toString(), 200, preview.status());
        assertFalse(preview.body(), preview.body().contains("<html"));
        assertTrue(preview.body(), preview.body().contains("Water for " + agency + " Police"));

        // Saved, with a script in the text: shown escaped everywhere.
        Http.Response saved = submit(pio, "/press/new", form("csrf", token, "action", "save", "kind", "PRESS_RELEASE",
                "locale", "en-US", "title", "Water for ${agency}", "body", "Boil water until ${day}. <script>alert(1)</script>",
                "placeholders", placeholders));
        assertEquals(saved.toString(), 303, saved.status());
        String path = saved.header("Location").orElseThrow();
        assertTrue(path, path.matches("/press/[0-9a-f-]{36}"));
        String id = path.substring("/press/".length());
        Http.Response editor = page(pio, path);
        assertPortalPage(200, editor);
        assertTrue(editor.body(), editor.body().contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(editor.body(), editor.body().contains("<script>alert"));

        Http.Response edited = submit(pio, path, form("csrf", token, "action", "save", "title", "Water for ${agency}",
                "body", "Boil water until ${day}.\n\nCall 311 with questions.", "placeholders", placeholders));
        assertEquals(edited.toString(), 303, edited.status());
        Http.Response diff = page(pio, path + "/diff?from=1&to=2");
        assertPortalPage(200, diff);
        assertTrue(diff.body(), diff.body().contains("<pre class=\"diff\">"));
        assertTrue(diff.body(), diff.body().contains("<del>-Boil water until ${day}. &lt;script&gt;alert(1)&lt;/script&gt;</del>"));
        assertTrue(diff.body(), diff.body().contains("<ins>+Call 311 with questions.</ins>"));

        assertEquals(303, submit(pio, path, form("csrf", token, "action", "submit")).status());
        Http.Response own = submit(pio, path, form("csrf", token, "action", "approve"));
        assertPortalPage(403, own);
        assertTrue("four eyes, said on the form: " + own.body(), own.body().contains("id=\"form-error\""));

        // Another agency's PIO finds nothing, and can do nothing.
        PortalSession stranger = signedIn(otherEmail, PEOPLE_PASSWORD);
        assertPortalPage(404, page(stranger, path));
        assertPortalPage(404, page(stranger, path + "/diff"));
        assertPortalPage(404, submit(stranger, path, form("csrf", formToken(page(stranger, "/press")), "action", "approve")));
        assertFalse(page(stranger, "/press").body().contains(id));

        // The admin sees what waits on the dashboard and approves.
        PortalSession agencyAdmin = signedIn(adminEmail, PEOPLE_PASSWORD);
        Http.Response dashboard = page(agencyAdmin, "/dashboard");
        assertTrue(dashboard.body(), dashboard.body().contains("Press texts to review"));
        assertEquals(303, submit(agencyAdmin, path, form("csrf", formToken(page(agencyAdmin, path)), "action", "approve")).status());

        Http.Response before = page(pio, path);
        assertTrue(before.body(), before.body().contains("Version 2 approved by Agency administrator"));
        assertTrue(before.body(), before.body().contains("What will be published"));
        assertTrue(before.body(), before.body().contains("id=\"disclosure-shown\""));
        assertTrue(before.body(), before.body().contains("Boil water until December 1, 2026."));
        assertEquals(303, submit(pio, path, form("csrf", token, "action", "publish")).status());
        assertTrue(page(pio, path).body().contains("href=\"/agencies/" + agency + "/releases\""));

        Http.Response log = page(new PortalSession(), "/agencies/" + agency + "/releases");
        assertPortalPage(200, log);
        assertTrue(log.body(), log.body().contains("Water for " + agency + " Police"));
        assertTrue(log.body(), log.body().contains("Call 311 with questions."));
        assertTrue(log.body(), log.body().contains("Written by"));
        assertTrue(log.body(), log.body().contains("Agency administrator"));
        assertFalse("the release log is not in the navigation", log.body().contains("/agencies/*/releases"));
        assertEquals(1, http.get("/api/public/agencies/" + agency + "/releases").json().size());
        assertPortalPage(404, page(new PortalSession(), "/agencies/" + agency + "/nothing"));
        assertPortalPage(404, page(new PortalSession(), "/agencies/NO" + run + "/releases"));
        assertTrue(page(new PortalSession(), "/agencies/" + other + "/releases").body().contains("Nothing published yet."));
    }

    @Test
    public void theAdminGrantsAVendorWhoDraftsForTheAgencyButNeverApproves() {
        String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String agency = "PV" + run;
        String[] admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(agency), admin).status());
        String adminEmail = "admin-" + run + "@vendor.example";
        staffSession(agency, adminEmail, "AGENCY_ADMIN", admin);
        String vendorEmail = "ops-" + run + "@acme.example";
        Http.Response invited = http.postJson("/api/vendors", "{\"email\":\"" + vendorEmail + "\",\"displayName\":\"Acme ops\"}", admin);
        assertEquals(201, invited.status());
        String vendorId = invited.json().path("account").path("id").asText();
        http.postJson("/api/accounts/activate", "{\"token\":\"" + invited.json().path("activationToken").asText()
                + "\",\"password\":\"" + PEOPLE_PASSWORD + "\"}");

        PortalSession vendor = signedIn(vendorEmail, PEOPLE_PASSWORD);
        Http.Response none = page(vendor, "/vendor/press");
        assertPortalPage(200, none);
        assertFalse(none.body(), none.body().contains(agency));
        assertPortalPage(404, page(vendor, "/vendor/press/" + agency + "/new"));

        PortalSession agencyAdmin = signedIn(adminEmail, PEOPLE_PASSWORD);
        String token = formToken(page(agencyAdmin, "/press/vendors"));
        Http.Response wrong = submit(agencyAdmin, "/press/vendors", form("csrf", token, "account", "not an id", "name", "Acme"));
        assertPortalPage(422, wrong);
        assertTrue(wrong.body(), wrong.body().contains("id=\"account-error\""));
        assertEquals(303, submit(agencyAdmin, "/press/vendors", form("csrf", token, "account", vendorId, "name",
                "Acme <Doorbells>")).status());
        assertTrue(page(agencyAdmin, "/press/vendors").body().contains("Acme &lt;Doorbells&gt;"));

        Http.Response granted = page(vendor, "/vendor/press");
        assertTrue(granted.body(), granted.body().contains(agency));
        String vtoken = formToken(page(vendor, "/vendor/press/" + agency + "/new"));
        Http.Response saved = submit(vendor, "/vendor/press/" + agency + "/new", form("csrf", vtoken, "action", "save", "kind",
                "COMMUNITY_NOTICE", "locale", "en-US", "title", "Roads", "body", "Roads close at noon.", "placeholders", ""));
        assertEquals(saved.toString(), 303, saved.status());
        String path = saved.header("Location").orElseThrow();
        assertTrue(path, path.startsWith("/vendor/press/" + agency + "/"));
        assertEquals(303, submit(vendor, path, form("csrf", vtoken, "action", "submit")).status());
        Http.Response approve = page(vendor, path);
        assertFalse("a vendor is offered no approval", approve.body().contains("value=\"approve\""));
        assertPortalPage(403, submit(vendor, path, form("csrf", vtoken, "action", "approve")));
        assertTrue(page(agencyAdmin, "/press").body().contains("Roads"));
        assertPortalPage(403, page(vendor, "/press"));
    }
}
