package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraRegistry;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A resident's export and the deletion of their account, over real HTTP with every module running: the export holds
 * each section with the resident's data and nothing of another resident; after deletion the account cannot sign in,
 * its cameras are gone from the counts, the evidence it shared is still the agency's and its custody verifies, and the
 * audit chain verifies; a module holding data that is stopped refuses the deletion and nothing changes.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccountDataIT extends PorchlightTestSupport {

    private static final double LAT = 39.0997;
    private static final double LON = -94.5786;

    private String run;
    private String agency;
    private String[] officer;
    private String annEmail;
    private String boEmail;
    private String[] ann;
    private String[] bo;
    private String request;
    private String porch;
    private String yard;
    private String boFile;
    private byte[] porchClip;

    @Before
    public void residentsWhoSharedFootage() throws Exception {
        deleteAllCameras();
        run = UUID.randomUUID().toString().substring(0, 8);
        agency = "AD" + run.substring(0, 4).toUpperCase();
        String[] admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(agency), admin).status());
        officer = staffSession(agency, "officer-" + run + "@data.example", "OFFICER", admin);
        String[] agencyAdmin = staffSession(agency, "admin-" + run + "@data.example", "AGENCY_ADMIN", admin);

        annEmail = "ann-" + run + "@data.example";
        boEmail = "bo-" + run + "@data.example";
        assertEquals(202, http.postJson("/api/accounts", "{\"email\":\"" + annEmail + "\",\"password\":\"" + PEOPLE_PASSWORD
                + "\",\"displayName\":\"Ann Example\",\"referralCode\":\"" + referralCode(agencyAdmin) + "\"}").status());
        ann = bearer(signIn(annEmail, PEOPLE_PASSWORD).path("access_token").asText());
        bo = residentSession(boEmail);
        register(ann, LAT, LON, "1 Ann Lane");
        register(bo, LAT - 0.0005, LON, "2 Bo Lane");

        request = activate();
        String annDelivery = delivery(ann);
        String boDelivery = delivery(bo);
        porchClip = ("porch " + run).repeat(400).getBytes(StandardCharsets.UTF_8);
        porch = upload(annDelivery, "porch.mp4", porchClip, ann);
        yard = upload(annDelivery, "yard.mp4", ("yard " + run).repeat(400).getBytes(StandardCharsets.UTF_8), ann);
        boFile = upload(boDelivery, "bo.mp4", ("bo " + run).repeat(400).getBytes(StandardCharsets.UTF_8), bo);
        assertEquals(200, post("/api/me/requests/" + annDelivery + "/answer", "{\"decision\":\"SHARE\",\"revealIdentity\":true,"
                + "\"files\":[\"" + porch + "\"]}", ann).status());
        assertEquals(200, post("/api/me/requests/" + boDelivery + "/answer", "{\"decision\":\"SHARE\",\"files\":[\"" + boFile
                + "\"]}", bo).status());
        http.await("/api/me/inbox", r -> r.status() == 200 && r.json().path("items").size() > 0, Duration.ofSeconds(20), ann);
    }

    @Test
    public void theExportHoldsEachSectionWithTheResidentsDataAndNothingOfAnother() {
        assertEquals(200, http.send("PUT", "/api/me", "application/json",
                "{\"displayName\":\"Ann Example\",\"phone\":\"+1 816 555 0100\",\"language\":\"es\"}", ann).status());
        Http.Response export = http.get("/api/account/export", ann);
        assertEquals(export.body(), 200, export.status());
        assertTrue(export.header("Content-Disposition").orElse("").startsWith("attachment"));
        JsonNode data = export.json();

        assertEquals("porchlight-personal-data/1", data.path("format").asText());
        assertEquals(annEmail, data.path("account").path("email").asText());
        assertEquals("Ann Example", data.path("account").path("displayName").asText());
        assertEquals("the profile too", "+1 816 555 0100", data.path("account").path("phone").asText());
        assertEquals("es", data.path("account").path("language").asText());
        JsonNode cameras = data.path("cameras").path("registrations");
        assertEquals(1, cameras.size());
        assertEquals("1 Ann Lane", cameras.get(0).path("address").asText());
        JsonNode requests = data.path("requests");
        assertEquals(1, requests.size());
        assertEquals("SHARED", requests.get(0).path("answer").asText());
        assertEquals("DATA-" + run, requests.get(0).path("caseNumber").asText());
        assertEquals(List.of(porch), ids(requests.get(0).path("shared"), "item"));
        assertEquals(RequestsContract.sha256(porchClip), requests.get(0).path("shared").get(0).path("item").path("sha256").asText());
        assertEquals(List.of(yard), ids(requests.get(0).path("prepared"), null));
        assertEquals(annEmail, requests.get(0).path("revealedEmail").asText());
        assertTrue(data.path("inbox").path("items").size() > 0);
        assertEquals(agency, data.path("referrals").path("attribution").path("agency").asText());
        assertEquals("PENDING", data.path("referrals").path("attribution").path("state").asText());

        String body = export.body();
        String boId = http.get("/api/me", bo).json().path("id").asText();
        for (String other : List.of(boEmail, "2 Bo Lane", boFile, boId)) {
            assertFalse("nothing of another resident: " + other, body.contains(other));
        }
        assertTrue("each export is in the audit log", rows("SELECT COUNT(*) FROM audit.entry WHERE action = "
                + "'GET /account/export' AND outcome = '200'") >= 1);
        assertEquals("no personal data in the audit log", 0, rows("SELECT COUNT(*) FROM audit.entry WHERE target LIKE '%"
                + annEmail + "%' OR actor LIKE '%" + annEmail + "%' OR target LIKE '%Ann Lane%'"));
        assertEquals("only residents export their data", 403, http.get("/api/account/export", officer).status());
        assertEquals(401, http.get("/api/account/export").status());
    }

    @Test
    public void afterDeletionTheAccountCannotSignInItsCamerasAreUncountedAndTheSharedEvidenceStaysVerifiable() throws Exception {
        CameraRegistry registry = service(CameraRegistry.class, null);
        Circle area = new Circle(new GeoPoint(LAT, LON), 300);
        assertEquals(2, registry.countIn(area, agency));
        String pseudonym = responses().get(0).path("pseudonym").asText();
        String annId = http.get("/api/me", ann).json().path("id").asText();

        Http.Response wrong = delete("{\"password\":\"not the passphrase\"}", ann);
        assertEquals(wrong.body(), 403, wrong.status());
        assertEquals("urn:porchlight:problem:confirmation-failed", wrong.json().path("type").asText());
        assertEquals(400, delete("{}", ann).status());
        assertEquals(400, delete("{\"password\":", ann).status());
        int noBody = http.send("DELETE", "/api/account", null, null, ann).status();
        assertTrue("without a body: " + noBody, noBody == 400 || noBody == 415);
        assertEquals("staff close no account here", 403, delete("{\"password\":\"" + PEOPLE_PASSWORD + "\"}", officer).status());
        assertEquals("nothing happened yet", 200, http.get("/api/me", ann).status());
        assertEquals(2, registry.countIn(area, agency));

        Http.Response deleted = delete("{\"password\":\"" + PEOPLE_PASSWORD + "\"}", ann);
        assertEquals(deleted.body(), 200, deleted.status());
        JsonNode sections = deleted.json().path("sections");
        assertEquals(1, sections.path("cameras").path("removed").asInt());
        assertEquals("the shared answer stays", 1, sections.path("requests").path("kept").asInt());
        assertTrue(sections.path("requests").path("removed").asInt() >= 1); // the prepared file at least
        assertTrue(sections.path("inbox").path("removed").asInt() >= 1);
        assertEquals("a pending referral goes", 1, sections.path("referrals").path("removed").asInt());
        assertTrue(sections.path("account").path("removed").asInt() >= 1);

        assertEquals("its tokens stop at once", 401, http.get("/api/me", ann).status());
        assertEquals(401, http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", annEmail,
                "password", PEOPLE_PASSWORD)).status());
        assertEquals(1, registry.countIn(area, agency));
        assertEquals(0, rows("SELECT COUNT(*) FROM identity.account WHERE email = '" + annEmail + "'"));
        assertEquals(0, rows("SELECT COUNT(*) FROM registry.camera WHERE address = '1 Ann Lane'"));
        assertEquals(0, rows("SELECT COUNT(*) FROM notify.inbox_item WHERE account_id = '" + annId + "'"));
        assertEquals("the prepared file is gone with its bytes' key", 0, rows("SELECT COUNT(*) FROM evidence.item WHERE id = '"
                + yard + "'"));
        assertEquals("the revealed name and address go", 0, rows("SELECT COUNT(*) FROM requests.delivery WHERE revealed_email = '"
                + annEmail + "'"));

        JsonNode answers = responses();
        assertEquals(2, answers.size());
        JsonNode annAnswer = answers.get(0).path("pseudonym").asText().equals(pseudonym) ? answers.get(0) : answers.get(1);
        assertEquals("the agency still knows the answer by the same pseudonym", pseudonym, annAnswer.path("pseudonym").asText());
        assertTrue("and no longer by name: " + annAnswer, annAnswer.path("revealed").isNull() || annAnswer.path("revealed").isMissingNode());
        String item = "/api/agencies/" + agency + "/evidence/" + porch;
        Http.Response content = http.send(HttpRequest.newBuilder(URI.create(http.base() + item + "/content")).GET(), officer);
        assertEquals(200, content.status());
        assertEquals(RequestsContract.sha256(porchClip), RequestsContract.sha256(content.body().getBytes(StandardCharsets.UTF_8)));
        assertTrue(http.get(item + "/custody", officer).json().path("chainIntact").asBoolean());
        assertTrue(service(AuditLog.class, null).verify().intact());
        assertTrue("the deletion is on the record", rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'account.deleted' "
                + "AND outcome = 'ok'") >= 1);
        assertEquals("without personal data", 0, rows("SELECT COUNT(*) FROM audit.entry WHERE target LIKE '%" + annEmail + "%' "
                + "OR target LIKE '%Ann Lane%' OR target LIKE '%Ann Example%'"));

        assertEquals("bo is untouched", 1, http.get("/api/registry/cameras", bo).json().size());
        assertEquals("the address may sign up again, as someone new", 202, http.postJson("/api/accounts", "{\"email\":\""
                + annEmail + "\",\"password\":\"" + PEOPLE_PASSWORD + "\",\"displayName\":\"Ann\"}").status());
        assertNotEquals(annId, http.get("/api/me", bearer(signIn(annEmail, PEOPLE_PASSWORD).path("access_token").asText()))
                .json().path("id").asText());
    }

    @Test
    public void aStoppedModuleHoldingDataRefusesTheDeletionNamingItAndNothingChanges() throws Exception {
        for (String[] module : List.of(new String[] {"org.porchlight.notifications", "inbox"},
                new String[] {"org.porchlight.evidence", "requests needs evidence"})) {
            Bundle bundle = bundle(module[0]);
            bundle.stop();
            try {
                Http.Response refused = delete("{\"password\":\"" + PEOPLE_PASSWORD + "\"}", ann);
                assertEquals(refused.body(), 503, refused.status());
                assertEquals(refused.body(), "urn:porchlight:problem:personal-data-unavailable", refused.json().path("type").asText());
                assertTrue(refused.body(), refused.json().path("detail").asText().contains(module[1]));
            } finally {
                bundle.start();
            }
            assertEquals("nothing changed", 200, http.get("/api/me", ann).status());
            assertEquals(1, http.get("/api/registry/cameras", ann).json().size());
            assertEquals(1, rows("SELECT COUNT(*) FROM evidence.item WHERE id = '" + yard + "'"));
        }
        http.await("/api/account/export", r -> r.status() == 200, SWAP_TIMEOUT, ann);
    }

    @Test
    public void theAccountPageExportsAndDeletesWithThePasswordAndSignsOut() {
        PortalSession browser = signedIn(annEmail, PEOPLE_PASSWORD);
        assertTrue(page(browser, "/account").body().contains("href=\"/account/data\""));
        Http.Response page = page(browser, "/account/data");
        assertEquals(200, page.status());
        assertTrue(page.body(), page.body().contains("href=\"/account/data/export\""));
        Http.Response download = page(browser, "/account/data/export");
        assertEquals(200, download.status());
        assertTrue(download.header("Content-Disposition").orElse("").startsWith("attachment"));
        assertTrue(download.body().contains(annEmail) && download.body().contains("1 Ann Lane"));
        assertTrue("the download is on the record", rows("SELECT COUNT(*) FROM audit.entry WHERE action LIKE '%/account/data%'")
                >= 1);

        Http.Response empty = submit(browser, "/account/data", Map.of("csrf", browser.csrf, "password", ""));
        assertEquals(400, empty.status());
        Http.Response wrong = submit(browser, "/account/data", Map.of("csrf", browser.csrf, "password", "not the passphrase"));
        assertEquals(403, wrong.status());
        assertTrue(wrong.body(), wrong.body().contains("nothing was deleted"));
        assertEquals(200, page(browser, "/account").status());

        Http.Response deleted = submit(browser, "/account/data", Map.of("csrf", browser.csrf, "password", PEOPLE_PASSWORD));
        assertEquals(deleted.body(), 303, deleted.status());
        assertEquals("/account/deleted", deleted.header("Location").orElse(""));
        Http.Response done = page(browser, "/account/deleted");
        assertEquals(200, done.status());
        assertTrue(done.body(), done.body().contains("href=\"/sign-in\""));
        assertEquals("signed out", "/sign-in", page(browser, "/account").header("Location").orElse(""));
        assertEquals(0, rows("SELECT COUNT(*) FROM identity.account WHERE email = '" + annEmail + "'"));
    }

    private String referralCode(String[] agencyAdmin) {
        JsonNode campaign = http.postJson("/api/agencies/" + agency + "/incentives/campaigns",
                "{\"name\":\"Doorbells " + run + "\",\"partner\":\"Doorbell Co\"}", agencyAdmin).json();
        Http.Response code = http.postJson("/api/agencies/" + agency + "/incentives/campaigns/" + campaign.path("id").asText()
                + "/codes", "{\"label\":\"flyer\",\"startsAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"endsAt\":\""
                + Instant.now().plus(30, ChronoUnit.DAYS) + "\"}", agencyAdmin);
        assertEquals(code.body(), 201, code.status());
        return code.json().path("code").asText();
    }

    private void register(String[] who, double lat, double lon, String address) {
        Http.Response r = http.postJson("/api/registry/cameras", "{\"location\":{\"latitude\":" + lat + ",\"longitude\":" + lon
                + "},\"address\":\"" + address + "\",\"kind\":\"DOORBELL\",\"recording\":true,\"retentionDays\":30,"
                + "\"contactOk\":true,\"paused\":false}", who);
        assertEquals(r.body(), 201, r.status());
    }

    private String activate() {
        Instant end = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Http.Response created = http.postJson("/api/agencies/" + agency + "/requests", "{\"caseNumber\":\"DATA-" + run
                + "\",\"incidentType\":\"BURGLARY\",\"windowStart\":\"" + end.minus(2, ChronoUnit.HOURS) + "\",\"windowEnd\":\""
                + end + "\",\"area\":{\"type\":\"circle\",\"center\":{\"latitude\":" + LAT + ",\"longitude\":" + LON
                + "},\"radiusMeters\":200},\"message\":\"A burglary overnight; footage of the street would help.\"}", officer);
        assertEquals(created.body(), 201, created.status());
        String id = created.json().path("id").asText();
        Http.Response submitted = post("/api/agencies/" + agency + "/requests/" + id + "/submit", null, officer);
        assertEquals(submitted.body(), "ACTIVE", submitted.json().path("state").asText());
        return id;
    }

    private String delivery(String[] who) {
        JsonNode asked = http.get("/api/me/requests", who).json();
        assertEquals(asked.toString(), 1, asked.size());
        return asked.get(0).path("id").asText();
    }

    private String upload(String delivery, String name, byte[] content, String[] who) {
        Http.Response r = http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/me/requests/" + delivery + "/files?name="
                + name)).header("Content-Type", "video/mp4").POST(HttpRequest.BodyPublishers.ofByteArray(content)), who);
        assertEquals(r.body(), 201, r.status());
        return r.json().path("id").asText();
    }

    private JsonNode responses() {
        return http.get("/api/agencies/" + agency + "/requests/" + request + "/responses", officer).json();
    }

    private Http.Response post(String path, String json, String... who) {
        return http.send("POST", path, json == null ? null : "application/json", json, who);
    }

    private Http.Response delete(String json, String... who) {
        return http.send("DELETE", "/api/account", "application/json", json, who);
    }

    private static List<String> ids(JsonNode items, String inner) {
        List<String> ids = new java.util.ArrayList<>();
        items.forEach(i -> ids.add((inner == null ? i : i.path(inner)).path("id").asText()));
        return ids;
    }
}
