package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An agency's own bundle, signed by a key the platform trusts for that agency alone
 * ({@code etc/trust/agency/OWNA.pem}), against each database: its admin installs it in the portal
 * (and through the API), and it acts for that agency only (routes, request policy); another agency
 * can neither install it nor see, reach or touch it, in the portal or the API; the platform admin
 * sees and stops it; every change is audited.
 */
public abstract class AgencyModulesContract extends PorchlightTestSupport {

    private static final String OWNER = Fixtures.AGENCY_PLUGIN_OWNER;
    private static final String OTHER = "OWNB";
    private static final String RULES = "/api/itest/local/agencies/%s/rules";
    private static final String NOTICE = "/api/itest/local/public/agencies/%s";
    private static final Pattern DONE = Pattern.compile("/agency-modules\\?done=(\\w+)&id=(\\d+)");

    @Test
    public void anAgencysOwnModuleActsForThatAgencyAloneAndThePlatformAdminSeesAndStopsIt() throws Exception {
        String[] admin = asAdmin();
        long start = auditMark(admin);
        for (String code : new String[] {OWNER, OTHER}) {
            http.postJson("/api/agencies", IdentityIT.agency(code), admin); // on PostgreSQL, there from an earlier run
        }
        String[] ownerAdmin = staffSession(OWNER, "admin@owna.example", "AGENCY_ADMIN", admin);
        String[] ownerOfficer = staffSession(OWNER, "officer@owna.example", "OFFICER", admin);
        String[] otherAdmin = staffSession(OTHER, "admin@ownb.example", "AGENCY_ADMIN", admin);
        String[] otherOfficer = staffSession(OTHER, "officer@ownb.example", "OFFICER", admin);
        PortalSession ownerPortal = signedIn("admin@owna.example", PEOPLE_PASSWORD);
        PortalSession otherPortal = signedIn("admin@ownb.example", PEOPLE_PASSWORD);

        // Only the agency's own key makes an agency's module: not another agency's, not a vendor's, not none.
        String agencyKey = "etc/trust/agency/" + OWNER + "/";
        assertRefused(http.upload("POST", modules(OTHER), Fixtures.agencyPluginSigned(), otherAdmin), "signed for another agency");
        assertRefused(http.upload("POST", modules(OWNER), Fixtures.signed(Fixtures.greeting(1)), ownerAdmin),
                agencyKey + "), and this file is not");
        assertRefused(http.upload("POST", modules(OWNER), Fixtures.agencyPlugin(), ownerAdmin), "not signed");
        assertEquals("an agency admin never reaches another agency's modules", 404,
                http.upload("POST", modules(OWNER), Fixtures.agencyPluginSigned(), otherAdmin).status());
        Http.Response vendorsInPortal = submitModule(ownerPortal, "/agency-modules/install", Fixtures.signed(Fixtures.greeting(1)));
        assertPortalPage(422, vendorsInPortal);
        assertTrue(vendorsInPortal.body(), vendorsInPortal.body().contains(agencyKey));
        Http.Response othersInPortal = submitModule(otherPortal, "/agency-modules/install", Fixtures.agencyPluginSigned());
        assertPortalPage(422, othersInPortal);
        assertTrue(othersInPortal.body(), othersInPortal.body().contains("signed for another agency"));
        Http.Response otherPage = page(otherPortal, "/agency-modules");
        assertPortalPage(200, otherPage);
        assertTrue("the other agency is told it has no key", otherPage.body().contains("id=\"agency-modules-no-key\""));

        // Uploaded in the portal by the owner's admin: installed as the agency's own.
        Http.Response ownerPage = page(ownerPortal, "/agency-modules");
        assertPortalPage(200, ownerPage);
        assertFalse("the owner has a key", ownerPage.body().contains("id=\"agency-modules-no-key\""));
        assertTrue(ownerPage.body(), ownerPage.body().contains("enctype=\"multipart/form-data\""));
        Http.Response uploaded = submitModule(ownerPortal, "/agency-modules/install", Fixtures.agencyPluginSigned());
        Matcher done = DONE.matcher(uploaded.header("Location").orElse(""));
        assertTrue(uploaded.toString(), uploaded.status() == 303 && done.matches());
        long id = Long.parseLong(done.group(2));
        Http.Response shown = page(ownerPortal, done.group());
        assertPortalPage(200, shown);
        assertTrue(shown.body(), shown.body().contains(": ACTIVE.") && shown.body().contains("id=\"module-" + id + "\""));
        JsonNode installed = http.get(modules(OWNER) + "/" + id, ownerAdmin).json();
        assertEquals("agency", installed.path("provenance").asText());
        assertEquals(OWNER, installed.path("publisher").asText());

        // Its routes answer the agency's staff and its public pages, and nobody else.
        JsonNode rules = http.await(String.format(RULES, OWNER), r -> r.status() == 200, SWAP_TIMEOUT, ownerOfficer).json();
        assertEquals(OWNER, rules.path("agency").asText());
        assertEquals(200, http.get(String.format(NOTICE, OWNER)).status());
        assertEquals(404, http.get(String.format(RULES, OTHER), otherOfficer).status());
        assertEquals(404, http.get(String.format(RULES, OTHER), otherAdmin).status());
        assertEquals(404, http.get(String.format(NOTICE, OTHER)).status());
        assertEquals("a route naming no agency is nobody's", 404, http.get("/api/itest/local/about").status());

        // Its request policy refuses the agency's own requests and never another's.
        Http.Response refused = submit(OWNER, ownerOfficer);
        assertEquals(refused.body(), 422, refused.status());
        assertTrue(refused.body(), refused.body().contains("itest-local-rule"));
        Http.Response passed = submit(OTHER, otherOfficer);
        assertEquals(passed.body(), 200, passed.status());
        assertFalse(passed.body(), passed.body().contains("itest-local-rule"));

        // The other agency sees none of it and can change none of it, in the API or the portal.
        assertEquals(0, http.get(modules(OTHER), otherAdmin).json().size());
        assertEquals(404, http.get(modules(OTHER) + "/" + id, otherAdmin).status());
        assertEquals(404, http.send("DELETE", modules(OTHER) + "/" + id, null, null, otherAdmin).status());
        assertEquals(404, http.send("POST", modules(OTHER) + "/" + id + "/stop", null, null, otherAdmin).status());
        assertFalse(page(otherPortal, "/agency-modules").body().contains("id=\"module-" + id + "\""));
        for (String action : new String[] {"stop", "uninstall"}) {
            assertPortalPage(404, submit(otherPortal, "/agency-modules/" + id + "/" + action, Map.of("csrf", otherPortal.csrf)));
        }
        assertEquals("ACTIVE", http.get(modules(OWNER) + "/" + id, ownerAdmin).json().path("state").asText());
        assertEquals(1, http.get(modules(OWNER), ownerAdmin).json().size());

        // The owner stops it in the portal and starts it through the API.
        Http.Response stopped = submit(ownerPortal, "/agency-modules/" + id + "/stop", Map.of("csrf", ownerPortal.csrf));
        assertEquals(stopped.toString(), "/agency-modules?done=stop&id=" + id, stopped.header("Location").orElse(""));
        assertTrue(page(ownerPortal, stopped.header("Location").get()).body().contains(": RESOLVED."));
        http.await(String.format(RULES, OWNER), r -> r.status() == 404, SWAP_TIMEOUT, ownerOfficer);
        Http.Response started = http.send("POST", modules(OWNER) + "/" + id + "/start", null, null, ownerAdmin);
        assertEquals(started.body(), "ACTIVE", started.json().path("state").asText());
        http.await(String.format(RULES, OWNER), r -> r.status() == 200, SWAP_TIMEOUT, ownerOfficer);

        // The platform admin sees it with its owner and stops it.
        String all = http.get("/api/admin/modules", admin).body();
        assertTrue(all, all.contains("\"publisher\":\"" + OWNER + "\""));
        Http.Response platformStop = http.send("POST", "/api/admin/modules/" + id + "/stop", null, null, admin);
        assertEquals(platformStop.body(), "RESOLVED", platformStop.json().path("state").asText());
        http.await(String.format(RULES, OWNER), r -> r.status() == 404, SWAP_TIMEOUT, ownerOfficer);
        assertEquals(200, submit(OWNER, ownerOfficer).status());

        // Removed in the portal; installed and removed again through the API.
        Http.Response removed = submit(ownerPortal, "/agency-modules/" + id + "/uninstall", Map.of("csrf", ownerPortal.csrf));
        assertEquals(removed.toString(), 303, removed.status());
        assertEquals(0, http.get(modules(OWNER), ownerAdmin).json().size());
        Http.Response again = http.upload("POST", modules(OWNER), Fixtures.agencyPluginSigned(), ownerAdmin);
        assertEquals(again.body(), 201, again.status());
        Http.Response deleted = http.send("DELETE", modules(OWNER) + "/" + again.json().path("id").asLong(), null, null, ownerAdmin);
        assertEquals(deleted.body(), 200, deleted.status());

        // Audited as the agency's: its admin reads them in the agency's audit log, the other agency does not.
        List<String> actions = new ArrayList<>();
        for (JsonNode entry : auditEntries(start, ownerAdmin)) {
            if (entry.path("target").asText().startsWith("module=" + Fixtures.AGENCY_PLUGIN + " ")) {
                actions.add(entry.path("tenant").asText() + " " + entry.path("action").asText());
            }
        }
        assertEquals(List.of(OWNER + " module.install", OWNER + " module.stop", OWNER + " module.start", OWNER + " module.stop",
                OWNER + " module.uninstall", OWNER + " module.install", OWNER + " module.uninstall"), actions);
        assertTrue(auditEntries(start, otherAdmin).stream()
                .noneMatch(entry -> entry.path("target").asText().contains(Fixtures.AGENCY_PLUGIN)));
    }

    private static String modules(String agency) {
        return "/api/agencies/" + agency + "/modules";
    }

    /** Drafts and submits a small request for the agency: the policies decide at both; the first refusal, or the submission. */
    private Http.Response submit(String agency, String[] officer) {
        Instant end = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String body = "{\"caseNumber\":\"" + agency + "-" + System.nanoTime() + "\",\"incidentType\":\"THEFT\",\"windowStart\":\""
                + end.minus(2, ChronoUnit.HOURS) + "\",\"windowEnd\":\"" + end + "\",\"area\":{\"type\":\"circle\","
                + "\"center\":{\"latitude\":39.0997,\"longitude\":-94.5786},\"radiusMeters\":200},\"message\":\"A bike was "
                + "taken from a porch; footage of the street would help.\"}";
        Http.Response draft = http.postJson("/api/agencies/" + agency + "/requests", body, officer);
        if (draft.status() != 201) {
            return draft;
        }
        return http.send("POST", "/api/agencies/" + agency + "/requests/" + draft.json().path("id").asText() + "/submit", null,
                null, officer);
    }

    private static void assertRefused(Http.Response response, String reason) {
        assertEquals(response.body(), 422, response.status());
        assertTrue(response.body(), response.json().path("detail").asText().contains(reason));
    }
}
