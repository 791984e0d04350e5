package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An agency's own bundle, signed by a key the platform trusts for that agency alone
 * ({@code etc/trust/agency/OWNA.pem}): its admin installs it, and it acts for that agency only
 * (routes, request policy); another agency can neither install it nor see, reach or touch it; the
 * platform admin sees and stops it.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AgencyModulesIT extends PorchlightTestSupport {

    private static final String OWNER = Fixtures.AGENCY_PLUGIN_OWNER;
    private static final String OTHER = "OWNB";
    private static final String RULES = "/api/itest/local/agencies/%s/rules";
    private static final String NOTICE = "/api/itest/local/public/agencies/%s";

    @Test
    public void anAgencysOwnModuleActsForThatAgencyAloneAndThePlatformAdminSeesAndStopsIt() throws Exception {
        String[] admin = asAdmin();
        for (String code : new String[] {OWNER, OTHER}) {
            assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(code), admin).status());
        }
        String[] ownerAdmin = staffSession(OWNER, "admin@owna.example", "AGENCY_ADMIN", admin);
        String[] ownerOfficer = staffSession(OWNER, "officer@owna.example", "OFFICER", admin);
        String[] otherAdmin = staffSession(OTHER, "admin@ownb.example", "AGENCY_ADMIN", admin);
        String[] otherOfficer = staffSession(OTHER, "officer@ownb.example", "OFFICER", admin);

        // Only the agency's own key makes an agency's module: not another agency's, not a vendor's.
        assertRefused(http.upload("POST", modules(OTHER), Fixtures.agencyPluginSigned(), otherAdmin), "signed for another agency");
        assertRefused(http.upload("POST", modules(OWNER), Fixtures.signed(Fixtures.greeting(1)), ownerAdmin), "is not");
        assertRefused(http.upload("POST", modules(OWNER), Fixtures.agencyPlugin(), ownerAdmin), "not signed");
        assertEquals("an agency admin never reaches another agency's modules", 404,
                http.upload("POST", modules(OWNER), Fixtures.agencyPluginSigned(), otherAdmin).status());

        Http.Response installed = http.upload("POST", modules(OWNER), Fixtures.agencyPluginSigned(), ownerAdmin);
        assertEquals(installed.body(), 201, installed.status());
        long id = installed.json().path("id").asLong();
        assertEquals("agency", installed.json().path("provenance").asText());
        assertEquals(OWNER, installed.json().path("publisher").asText());

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
        assertTrue(passed.body(), !passed.body().contains("itest-local-rule"));

        // The other agency sees none of it and can change none of it.
        assertEquals(0, http.get(modules(OTHER), otherAdmin).json().size());
        assertEquals(404, http.get(modules(OTHER) + "/" + id, otherAdmin).status());
        assertEquals(404, http.send("DELETE", modules(OTHER) + "/" + id, null, null, otherAdmin).status());
        assertEquals(404, http.send("POST", modules(OTHER) + "/" + id + "/stop", null, null, otherAdmin).status());
        assertEquals(1, http.get(modules(OWNER), ownerAdmin).json().size());

        // The platform admin sees it with its owner and stops it.
        String all = http.get("/api/admin/modules", admin).body();
        assertTrue(all, all.contains("\"publisher\":\"" + OWNER + "\""));
        Http.Response stopped = http.send("POST", "/api/admin/modules/" + id + "/stop", null, null, admin);
        assertEquals(stopped.body(), "RESOLVED", stopped.json().path("state").asText());
        http.await(String.format(RULES, OWNER), r -> r.status() == 404, SWAP_TIMEOUT, ownerOfficer);
        assertEquals(200, submit(OWNER, ownerOfficer).status());

        Http.Response removed = http.send("DELETE", modules(OWNER) + "/" + id, null, null, ownerAdmin);
        assertEquals(removed.body(), 200, removed.status());
        String audit = http.get("/api/audit?limit=1000", admin).body();
        assertTrue(audit.contains("module.install"));
        assertTrue(audit.contains("module=" + Fixtures.AGENCY_PLUGIN));
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
