package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.Hashtable;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.ServiceRegistration;
import org.porchlight.api.press.TemplateCheck;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Press releases over HTTP, on the database the subclass chooses: vendors write when granted
 * and never approve or publish, checks refuse an approval, the PIO publishes and the public log
 * shows who wrote and who approved. Agencies are new per test (PostgreSQL keeps rows).
 */
public abstract class PressContract extends PorchlightTestSupport {

    private String agency;
    private String other;
    private String run;
    private String[] admin;
    private String[] agencyAdmin;
    private String[] pio;
    private String[] otherPio;
    private String[] vendor;
    private String vendorId;

    @Before
    public void agencies() {
        run = UUID.randomUUID().toString().substring(0, 8);
        agency = "PR" + run.toUpperCase();
        other = "PX" + run.toUpperCase();
        admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(agency), admin).status());
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(other), admin).status());
        agencyAdmin = staffSession(agency, "admin-" + run + "@press.example", "AGENCY_ADMIN", admin);
        pio = staffSession(agency, "pio-" + run + "@press.example", "PIO", admin);
        otherPio = staffSession(other, "pio-" + run + "@other.example", "PIO", admin);
        Http.Response invited = http.postJson("/api/vendors", "{\"email\":\"ops-" + run + "@acme.example\",\"displayName\":\"Acme ops\"}", admin);
        assertEquals(201, invited.status());
        vendorId = invited.json().path("account").path("id").asText();
        http.postJson("/api/accounts/activate", "{\"token\":\"" + invited.json().path("activationToken").asText() + "\",\"password\":\""
                + PEOPLE_PASSWORD + "\"}");
        vendor = bearer(signIn("ops-" + run + "@acme.example", PEOPLE_PASSWORD).path("access_token").asText());
        assertEquals(201, http.postJson("/api/agencies/" + agency + "/incentives/campaigns",
                "{\"name\":\"Doorbell Drive\",\"partner\":\"Acme Doorbells\"}", agencyAdmin).status());
    }

    private String templates() {
        return "/api/agencies/" + agency + "/press/templates";
    }

    private static final String PLACEHOLDERS = "[{\"name\":\"agency\",\"type\":\"AGENCY_NAME\"},{\"name\":\"day\",\"type\":\"DATE\"},"
            + "{\"name\":\"quote\",\"type\":\"TEXT\"},{\"name\":\"units\",\"type\":\"PROGRAM_FIGURE\",\"source\":\"Acme Doorbells:unitsEarned\"}]";
    private static final String VALUES = "{\"day\":\"2026-12-01\",\"quote\":\"Safe & <b>sound</b>\"}";

    @Test
    public void aGrantedVendorWritesThePioApprovesAfterChecksAndThePublicLogShowsWhoDidWhat() {
        String release = "{\"kind\":\"PRESS_RELEASE\",\"locale\":\"en-US\",\"title\":\"Cameras for ${agency}\",\"body\":\"Thanks to Acme "
                + "Doorbells, ${units} cameras arrive on ${day}. ${quote}\",\"placeholders\":" + PLACEHOLDERS + ",\"values\":" + VALUES + "}";
        assertEquals("an agency that did not grant the vendor is none of its business", 404, http.postJson(templates(), release, vendor).status());
        assertEquals("only the agency admin grants", 403, http.postJson("/api/agencies/" + agency + "/press/vendors",
                "{\"account\":\"" + vendorId + "\",\"name\":\"Acme Doorbells Inc.\"}", pio).status());
        assertEquals(201, http.postJson("/api/agencies/" + agency + "/press/vendors",
                "{\"account\":\"" + vendorId + "\",\"name\":\"Acme Doorbells Inc.\"}", agencyAdmin).status());

        Http.Response created = http.postJson(templates(), release, vendor);
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().path("id").asText();
        assertEquals("DRAFT", created.json().path("state").asText());

        JsonNode rendering = http.get(templates() + "/" + id + "/rendering", vendor).json();
        assertEquals("Cameras for " + agency + " Police", rendering.path("title").asText());
        assertTrue(rendering.toString(), rendering.path("text").asText().contains("0 cameras arrive on December 1, 2026. Safe & <b>sound</b>"));
        assertTrue(rendering.toString(), rendering.path("html").asText().contains("Safe &amp; &lt;b&gt;sound&lt;/b&gt;"));

        assertEquals(200, http.postJson(templates() + "/" + id + "/submit", "", vendor).status());
        Http.Response vendorApproves = http.postJson(templates() + "/" + id + "/approve", "", vendor);
        assertEquals("a vendor never approves", 403, vendorApproves.status());

        Http.Response refused = http.postJson(templates() + "/" + id + "/approve", "", pio);
        assertEquals(refused.toString(), 422, refused.status());
        assertTrue(refused.body(), refused.json().path("detail").asText().contains("partnership-disclosure"));
        assertTrue(refused.body(), refused.json().path("detail").asText().contains("Acme Doorbells"));

        assertEquals(200, http.postJson(templates() + "/" + id + "/reject", "{\"reason\":\"Add the disclosure.\"}", pio).status());
        Http.Response edited = http.send("PUT", templates() + "/" + id, "application/json", "{\"title\":\"Cameras for ${agency}\","
                + "\"body\":\"Thanks to Acme Doorbells, ${units} cameras arrive on ${day}. ${quote}\\n${disclosure}\",\"placeholders\":"
                + PLACEHOLDERS + ",\"values\":" + VALUES + "}", vendor);
        assertEquals(edited.toString(), 200, edited.status());
        assertEquals(2, edited.json().path("version").asInt());
        JsonNode diff = http.get(templates() + "/" + id + "/diff?from=1&to=2", pio).json();
        assertTrue(diff.toString(), diff.path("unified").toString().contains("--- template v1"));
        assertTrue(diff.toString(), diff.path("unified").toString().contains("+${disclosure}"));
        assertEquals(2, http.get(templates() + "/" + id + "/versions", pio).json().size());

        assertEquals(200, http.postJson(templates() + "/" + id + "/submit", "", vendor).status());
        Http.Response approved = http.postJson(templates() + "/" + id + "/approve", "", pio);
        assertEquals(approved.toString(), 200, approved.status());
        assertEquals("APPROVED", approved.json().path("state").asText());
        assertEquals("a vendor never publishes", 403, http.postJson(templates() + "/" + id + "/publish", "", vendor).status());
        Http.Response published = http.postJson(templates() + "/" + id + "/publish", "", pio);
        assertEquals(published.toString(), 201, published.status());
        Http.Response again = http.postJson(templates() + "/" + id + "/approve", "", pio);
        assertEquals(409, again.status());
        assertTrue(again.body(), again.json().path("detail").asText().contains("PUBLISHED"));

        JsonNode log = http.get("/api/public/agencies/" + agency + "/releases").json();
        assertEquals(1, log.size());
        JsonNode entry = log.get(0);
        assertEquals(2, entry.path("version").asInt());
        assertEquals("VENDOR", entry.path("author").path("role").asText());
        assertEquals("Acme Doorbells Inc.", entry.path("author").path("vendor").asText());
        assertEquals("PIO", entry.path("approvedBy").asText());
        assertTrue(entry.has("approvedAt"));
        assertFalse("approved by another than the author", entry.path("selfApproved").asBoolean(true));
        assertTrue(entry.toString(), entry.path("text").asText().contains("Partnership disclosure: " + agency + " Police takes part in \"Doorbell Drive\" with Acme Doorbells"));
        assertTrue(entry.toString(), entry.path("checksPassed").toString().contains("partnership-disclosure"));
        assertTrue(entry.toString(), entry.path("checksPassed").toString().contains("length-limit"));

        JsonNode thisMonth = http.get("/api/public/agencies/" + agency + "/transparency").json().path("months").path(11);
        assertEquals(thisMonth.toString(), 1, thisMonth.path("releases").path("releasesPublished").asInt());

        assertEquals("every transition is audited", 1, rows("SELECT COUNT(*) FROM audit.entry WHERE action = "
                + "'POST /agencies/{agency}/press/templates/{id}/publish' AND target LIKE '%" + id + "%' AND outcome = '201'"));
        assertEquals("a refused approval is audited too", 1, rows("SELECT COUNT(*) FROM audit.entry WHERE action = "
                + "'POST /agencies/{agency}/press/templates/{id}/approve' AND target LIKE '%" + id + "%' AND outcome = '403'"));

        assertEquals("another agency's PIO finds nothing", 404, http.get(templates() + "/" + id, otherPio).status());
        assertEquals(404, http.postJson(templates() + "/" + id + "/approve", "", otherPio).status());
        assertEquals(0, http.get("/api/public/agencies/" + other + "/releases").json().size());
        assertEquals(404, http.get("/api/public/agencies/NOSUCH" + run.substring(0, 4) + "/releases").status());

        assertEquals(204, http.send("DELETE", "/api/agencies/" + agency + "/press/vendors/" + vendorId, null, null, agencyAdmin).status());
        assertEquals("a revoked vendor sees nothing more", 404, http.get(templates() + "/" + id, vendor).status());
    }

    @Test
    public void strictRenderingNamesTheFaultyPlaceholderAndLimitsApplyPerNetwork() {
        String post = "{\"kind\":\"SOCIAL_POST\",\"network\":\"x\",\"locale\":\"en-US\",\"title\":\"Road closure\",\"body\":\"Main St is "
                + "closed until ${untilDay}.\",\"placeholders\":[{\"name\":\"count\",\"type\":\"NUMBER\"}],\"values\":{\"count\":\"many\"}}";
        Http.Response created = http.postJson(templates(), post, pio);
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().path("id").asText();
        Http.Response mistyped = http.get(templates() + "/" + id + "/rendering", pio);
        assertEquals(422, mistyped.status());
        assertTrue(mistyped.body(), mistyped.json().path("detail").asText().contains("'count' (NUMBER)"));

        Http.Response undeclared = http.send("PUT", templates() + "/" + id, "application/json", "{\"title\":\"Road closure\",\"body\":"
                + "\"Main St is closed until ${untilDay}.\",\"placeholders\":[],\"values\":{}}", pio);
        assertEquals(200, undeclared.status());
        Http.Response missing = http.postJson(templates() + "/" + id + "/submit", "", pio);
        assertEquals("a draft that does not render is not reviewed", 422, missing.status());
        assertTrue(missing.body(), missing.json().path("detail").asText().contains("'untilDay'"));

        assertEquals(200, http.send("PUT", templates() + "/" + id, "application/json", "{\"title\":\"Road closure\",\"body\":\""
                + "x".repeat(281) + "\"}", pio).status());
        assertEquals(200, http.postJson(templates() + "/" + id + "/submit", "", pio).status());
        Http.Response tooLong = http.postJson(templates() + "/" + id + "/approve", "", agencyAdmin);
        assertEquals(422, tooLong.status());
        assertTrue(tooLong.body(), tooLong.json().path("detail").asText().contains("at most 280"));
        assertEquals("the admin approves but does not write", 403, http.send("PUT", templates() + "/" + id, "application/json",
                "{\"title\":\"t\",\"body\":\"b\"}", agencyAdmin).status());
        Http.Response editInReview = http.send("PUT", templates() + "/" + id, "application/json", "{\"title\":\"t\",\"body\":\"b\"}", pio);
        assertEquals(409, editInReview.status());
        assertTrue(editInReview.body(), editInReview.json().path("detail").asText().contains("IN_REVIEW"));

        assertEquals(422, http.postJson(templates(), post.replace("\"x\"", "\"myspace\""), pio).status());
    }

    @Test
    public void aTemplateBuiltToExhaustTheServerIsA422NamingWhatWasRefusedAndTheServerStaysUp() {
        assertEquals(201, http.postJson("/api/agencies/" + agency + "/press/vendors",
                "{\"account\":\"" + vendorId + "\",\"name\":\"Acme Doorbells Inc.\"}", agencyAdmin).status());
        String[][] attacks = {
            {"${\\\"${''?left_pad(400000000, 'x')}\\\"}", "template-not-allowed", "?left_pad"},
            {"[#ftl][#list 1..200000000 as i]x[/#list]", "template-not-allowed", "#ftl header"},
            {"${(1..200000000)?has_content?c}", "template-not-allowed", "ranges (..)"},
            {"${" + "1 + ".repeat(100) + "1}", "template-not-allowed", "deep"},
            {"${" + "(".repeat(70) + "1" + ")".repeat(70) + "}", "template-not-allowed", "deep"},
            {"${quote} ".repeat(2000), "rendering-limit", "2000 tags and interpolations"},
            {"${" + "1 + ".repeat(4000) + "1}", "rendering-limit", "4000 operator characters"},
            {"${quote" + " + quote".repeat(30) + "}", "rendering-limit", "reads placeholder values"}};
        for (String[] attack : attacks) {
            String body = "{\"kind\":\"COMMUNITY_NOTICE\",\"locale\":\"en-US\",\"title\":\"Notice\",\"body\":\"" + attack[0]
                    + "\",\"placeholders\":[{\"name\":\"quote\",\"type\":\"TEXT\"}],"
                    + "\"values\":{\"quote\":\"" + "q".repeat(5000) + "\"}}";
            Http.Response created = http.postJson(templates(), body, vendor);
            assertEquals(created.toString(), 201, created.status());
            String id = created.json().path("id").asText();
            Http.Response refused = http.get(templates() + "/" + id + "/rendering", vendor);
            assertEquals(attack[2] + ": " + refused, 422, refused.status());
            assertEquals(refused.body(), "urn:porchlight:problem:" + attack[1], refused.json().path("type").asText());
            assertTrue(refused.body(), refused.json().path("detail").asText().contains(attack[2]));
            assertEquals("a draft that does not render is not reviewed", 422,
                    http.postJson(templates() + "/" + id + "/submit", "", vendor).status());
        }
        String fine = "{\"kind\":\"COMMUNITY_NOTICE\",\"locale\":\"en-US\",\"title\":\"Water\","
                + "\"body\":\"Boil water, ${agency}.\","
                + "\"placeholders\":[{\"name\":\"agency\",\"type\":\"AGENCY_NAME\"}]}";
        String id = http.postJson(templates(), fine, vendor).json().path("id").asText();
        Http.Response rendered = http.get(templates() + "/" + id + "/rendering", vendor);
        assertEquals("the server is still up and renders: " + rendered, 200, rendered.status());
        assertEquals("Boil water, " + agency + " Police.", rendered.json().path("text").asText());
        assertEquals(attacks.length + 1, http.get(templates(), vendor).json().size());
    }

    @Test
    public void theAuthorCannotApproveTheirOwnVersionUnlessTheAgencyPolicySaysSoAndThenTheLogShowsIt() {
        String notice = "{\"kind\":\"COMMUNITY_NOTICE\",\"locale\":\"en-US\",\"title\":\"Water\",\"body\":\"Boil water.\"}";
        String id = http.postJson(templates(), notice, pio).json().path("id").asText();
        assertEquals(200, http.postJson(templates() + "/" + id + "/submit", "", pio).status());
        Http.Response own = http.postJson(templates() + "/" + id + "/approve", "", pio);
        assertEquals(own.toString(), 403, own.status());
        assertEquals("urn:porchlight:problem:release-self-approval", own.json().path("type").asText());
        assertTrue(own.body(), own.json().path("detail").asText().contains("pressSelfApproval"));

        String policy = "{\"name\":\"" + agency + " Police\",\"timeZone\":\"America/Chicago\",\"contactEmail\":\"records@"
                + agency.toLowerCase() + ".example\",\"jurisdiction\":{\"type\":\"circle\",\"center\":{\"latitude\":39.0997,"
                + "\"longitude\":-94.5786},\"radiusMeters\":20000},\"policy\":{\"pressSelfApproval\":true}}";
        Http.Response set = http.send("PUT", "/api/agencies/" + agency, "application/json", policy, agencyAdmin);
        assertEquals(set.toString(), 200, set.status());
        assertEquals(200, http.postJson(templates() + "/" + id + "/approve", "", pio).status());
        assertEquals(201, http.postJson(templates() + "/" + id + "/publish", "", pio).status());
        JsonNode entry = http.get("/api/public/agencies/" + agency + "/releases").json().get(0);
        assertEquals("PIO", entry.path("approvedBy").asText());
        assertTrue(entry.toString(), entry.path("selfApproved").asBoolean(false));
        assertEquals("the switch is audited", 1, rows("SELECT COUNT(*) FROM audit.entry WHERE action = "
                + "'PUT /agencies/{agency}' AND target LIKE '%" + agency + "%' AND outcome = '200'"));
    }

    @Test
    public void aCheckFromAnotherBundleRunsBeforeApprovalAndIsListedOnTheLog() {
        ServiceRegistration<TemplateCheck> calm = context.registerService(TemplateCheck.class,
                draft -> draft.text().contains("URGENT") ? TemplateCheck.Result.fail("No shouting.") : TemplateCheck.Result.pass(),
                new Hashtable<>(Map.of(TemplateCheck.NAME, "itest-no-shouting")));
        enableProbe(agency, agencyAdmin); // a plugin's check runs for the agencies that enabled it
        try {
            String notice = "{\"kind\":\"COMMUNITY_NOTICE\",\"locale\":\"en-US\",\"title\":\"URGENT: water\",\"body\":\"Boil water.\"}";
            String id = http.postJson(templates(), notice, pio).json().path("id").asText();
            assertEquals(200, http.postJson(templates() + "/" + id + "/submit", "", pio).status());
            Http.Response refused = http.postJson(templates() + "/" + id + "/approve", "", agencyAdmin);
            assertEquals(422, refused.status());
            assertTrue(refused.body(), refused.json().path("detail").asText().contains("itest-no-shouting: No shouting."));
            assertEquals(200, http.postJson(templates() + "/" + id + "/reject", "{\"reason\":\"calmer\"}", pio).status());
            assertEquals(200, http.send("PUT", templates() + "/" + id, "application/json", "{\"title\":\"Water\",\"body\":\"Boil water.\"}",
                    pio).status());
            assertEquals(200, http.postJson(templates() + "/" + id + "/submit", "", pio).status());
            assertEquals(200, http.postJson(templates() + "/" + id + "/approve", "", agencyAdmin).status());
            assertEquals(201, http.postJson(templates() + "/" + id + "/publish", "", agencyAdmin).status());
            JsonNode entry = http.get("/api/public/agencies/" + agency + "/releases").json().get(0);
            assertEquals("PIO", entry.path("author").path("role").asText());
            assertTrue(entry.path("author").path("vendor").isMissingNode() || entry.path("author").path("vendor").isNull());
            assertEquals("AGENCY_ADMIN", entry.path("approvedBy").asText());
            assertTrue(entry.toString(), entry.path("checksPassed").toString().contains("itest-no-shouting"));
        } finally {
            calm.unregister();
        }
    }

    /** A notice written by {@code author}, submitted, and offered to the agency admin for approval: the answer. */
    private Http.Response approval(String body, String[] author) {
        String notice = "{\"kind\":\"COMMUNITY_NOTICE\",\"locale\":\"en-US\",\"title\":\"Notice\",\"body\":\"" + body + "\"}";
        Http.Response created = http.postJson(templates(), notice, author);
        assertEquals(created.toString(), 201, created.status());
        String id = created.json().path("id").asText();
        assertEquals(200, http.postJson(templates() + "/" + id + "/submit", "", author).status());
        return http.postJson(templates() + "/" + id + "/approve", "", agencyAdmin);
    }

    private static void refusedFor(String rule, Http.Response refused) {
        assertEquals(refused.body(), 422, refused.status());
        assertTrue(refused.body(), refused.json().path("detail").asText().contains("partnership-disclosure: The text needs the "
                + "partnership disclosure (rule: " + rule));
    }

    @Test
    public void theAcmePostAndEveryOtherWayOfNamingAProgrammeNeedTheDisclosure() {
        String campaigns = "/api/agencies/" + agency + "/incentives/campaigns";
        String campaign = http.get(campaigns, agencyAdmin).json().get(0).path("id").asText();
        String aliases = campaigns + "/" + campaign + "/partner-aliases";
        for (String wrong : new String[] {"[\"A\"]", "[\"Acme\",\"ACME\"]", "[\"Ac\\u200bme\"]"}) {
            Http.Response refused = http.send("PUT", aliases, "application/json", "{\"aliases\":" + wrong + "}", agencyAdmin);
            assertEquals(wrong + ": " + refused.body(), 400, refused.status());
        }
        assertEquals(403, http.send("PUT", aliases, "application/json", "{\"aliases\":[\"Acme\"]}", pio).status());
        Http.Response set = http.send("PUT", aliases, "application/json", "{\"aliases\":[\"Acme\"]}", agencyAdmin);
        assertEquals(set.body(), 200, set.status());
        assertEquals("[\"Acme\"]", http.get(aliases, pio).json().path("aliases").toString());
        Http.Response code = http.postJson(campaigns + "/" + campaign + "/codes",
                "{\"startsAt\":\"2026-01-01T00:00:00Z\",\"endsAt\":\"2036-01-01T00:00:00Z\"}", agencyAdmin);
        assertEquals(code.body(), 201, code.status());
        String display = code.json().path("display").asText();
        String acme = "Thanks to our friends at Acme, 40 free doorbell cameras for the first residents who register. "
                + "Sign up with code "
                + display + ".";

        refusedFor("partner name or alias 'Acme'", approval(acme, pio));
        refusedFor("partner name or alias 'Acme'", approval("Thanks to A.C.M.E. and \\uff41\\uff43\\uff4d\\uff45!", pio));
        refusedFor("referral code", approval("Sign up with code " + display.toLowerCase().replace("-", " ") + " today.", pio));
        refusedFor("campaign words 'Doorbell Drive'", approval("Join the DOORBELL-drive this month.", pio));
        assertEquals("common words of the campaign's name alone do not count", 200,
                approval("A doorbell camera filmed a car that did not stop; drive safely.", pio).status());

        assertEquals(201, http.postJson("/api/agencies/" + agency + "/press/vendors",
                "{\"account\":\"" + vendorId + "\",\"name\":\"Acme Comms\"}", agencyAdmin).status());
        refusedFor("vendor author 'Acme Comms'", approval("Road closed on Main St.", vendor));
        String notice = "{\"kind\":\"COMMUNITY_NOTICE\",\"locale\":\"en-US\",\"title\":\"Notice\",\"body\":\"Road closed.\"}";
        String partly = http.postJson(templates(), notice, vendor).json().path("id").asText();
        assertEquals(200, http.send("PUT", templates() + "/" + partly, "application/json",
                "{\"title\":\"Notice\",\"body\":\"Road closed on Main St. until Friday.\"}", pio).status());
        assertEquals(200, http.postJson(templates() + "/" + partly + "/submit", "", pio).status());
        refusedFor("vendor author 'Acme Comms'", http.postJson(templates() + "/" + partly + "/approve", "", agencyAdmin));

        Http.Response approved = approval(acme + "\\n${disclosure}", pio);
        assertEquals(approved.body(), 200, approved.status());
        String id = approved.json().path("id").asText();
        assertEquals(201, http.postJson(templates() + "/" + id + "/publish", "", agencyAdmin).status());
        JsonNode entry = http.get("/api/public/agencies/" + agency + "/releases").json().get(0);
        assertTrue(entry.toString(), entry.path("text").asText().contains("Partnership disclosure: " + agency
                + " Police takes part in \"Doorbell Drive\" with Acme Doorbells"));
    }

    @Test
    public void twoPublishersAtOnceMakeOneRelease() {
        String notice = "{\"kind\":\"COMMUNITY_NOTICE\",\"locale\":\"en-US\",\"title\":\"Water\",\"body\":\"Boil water.\"}";
        String id = http.postJson(templates(), notice, pio).json().path("id").asText();
        assertEquals(200, http.postJson(templates() + "/" + id + "/submit", "", pio).status());
        assertEquals(200, http.postJson(templates() + "/" + id + "/approve", "", agencyAdmin).status());
        CompletableFuture<Http.Response> first = CompletableFuture.supplyAsync(() -> http.postJson(templates() + "/" + id + "/publish", "", pio));
        CompletableFuture<Http.Response> second = CompletableFuture.supplyAsync(() -> http.postJson(templates() + "/" + id + "/publish", "", agencyAdmin));
        int a = first.join().status();
        int b = second.join().status();
        assertTrue(a + " and " + b, (a == 201 && b == 409) || (a == 409 && b == 201));
        assertEquals(1, http.get("/api/public/agencies/" + agency + "/releases").json().size());
    }
}
