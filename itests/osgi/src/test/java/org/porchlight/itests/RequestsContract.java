package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.junit.Before;
import org.junit.Test;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.porchlight.itests.support.CoarseCell;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Footage requests end to end, against each database: policy, approval, matching to owners,
 * owners' answers with their files, what the agency sees and what it does not, the public log,
 * witness links, expiry.
 */
public abstract class RequestsContract extends PorchlightTestSupport {

    private static final double LAT = 39.0997;
    private static final double LON = -94.5786;

    private String[] admin;
    private String[] officer;
    private String[] supervisor;
    private String[] otherSupervisor;
    private String[] stranger;
    private String[] ann;
    private String[] bo;
    private String[] cy;
    private String[] di;
    private String annEmail;
    /** Case numbers are limited per case: each test gets its own. */
    private String caseNumber;

    @Before
    public void people() throws Exception {
        deleteAllCameras();
        admin = asAdmin();
        for (String code : List.of("KCPD", "JCSO")) {
            http.postJson("/api/agencies", IdentityIT.agency(code), admin);
        }
        officer = staffSession("KCPD", "officer@kcpd-requests.example", "OFFICER", admin);
        supervisor = staffSession("KCPD", "sergeant@kcpd-requests.example", "SUPERVISOR", admin);
        otherSupervisor = staffSession("KCPD", "lieutenant@kcpd-requests.example", "SUPERVISOR", admin);
        stranger = staffSession("JCSO", "deputy@jcso-requests.example", "OFFICER", admin);
        // Residents of their own per test: what they were asked must come from this test alone.
        String run = UUID.randomUUID().toString().substring(0, 8);
        caseNumber = "2026-" + run;
        annEmail = "ann-" + run + "@requests.example";
        ann = residentSession(annEmail);
        bo = residentSession("bo-" + run + "@requests.example");
        cy = residentSession("cy-" + run + "@requests.example");
        di = residentSession("di-" + run + "@requests.example");
    }

    @Test
    public void anActivatedRequestAsksEachOwnerInTheAreaOnceAndNobodyElse() {
        register(ann, LAT, LON, true);
        register(ann, LAT + 0.0005, LON, true); // a second camera: still one delivery
        register(bo, LAT - 0.0005, LON, true);
        register(cy, LAT + 0.02, LON, true); // 2 km away
        register(di, LAT, LON + 0.0005, false); // does not want to be contacted

        JsonNode request = activate(draft(200, "BURGLARY"));
        assertEquals("ACTIVE", request.path("state").asText());
        // Two owners are asked, but the agency is shown only the coarse figure, withheld below 5 owners.
        assertEquals(request.toString(), true, request.path("ownersAsked").path("suppressed").asBoolean());
        assertFalse(request.toString(), request.path("ownersAsked").has("owners"));
        assertEquals(5, request.path("ownersAsked").path("minimumOwners").asInt());

        JsonNode annAsked = http.get("/api/me/requests", ann).json();
        assertEquals(1, annAsked.size());
        JsonNode asked = annAsked.get(0);
        assertEquals("KCPD", asked.path("agency").asText());
        assertEquals(caseNumber, asked.path("caseNumber").asText());
        assertEquals("BURGLARY", asked.path("incidentType").asText());
        assertEquals("PENDING", asked.path("answer").asText());
        assertFalse("owners never learn who else was asked", annAsked.toString().contains("ownersAsked"));
        assertEquals(1, http.get("/api/me/requests", bo).json().size());
        assertEquals(0, http.get("/api/me/requests", cy).json().size());
        assertEquals(0, http.get("/api/me/requests", di).json().size());
        assertEquals("another resident's delivery does not exist for them", 404,
                http.get("/api/me/requests/" + asked.path("id").asText(), bo).status());

        JsonNode view = http.get("/api/agencies/KCPD/requests/" + request.path("id").asText(), officer).json();
        assertEquals(0, view.path("answers").path("SHARED").asInt());
        assertFalse("pending answers would add up to the number asked", view.path("answers").has("PENDING"));
        assertEquals("another agency's request is not found", 404,
                http.get("/api/agencies/KCPD/requests/" + request.path("id").asText(), stranger).status());
        assertEquals(2, rows("SELECT COUNT(*) FROM requests.delivery WHERE request_id = '" + request.path("id").asText() + "'"));

        // Told in the app, once, with a link to what they were asked.
        Http.Response inbox = http.await("/api/me/inbox", r -> r.status() == 200 && r.body().contains("footage-request"),
                Duration.ofSeconds(20), ann);
        assertTrue(inbox.body(), inbox.body().contains(asked.path("id").asText()));
        assertEquals(1, rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = 'footage-request:" + request.path("id").asText() + "'"
                + " AND account_id = '" + http.get("/api/me", ann).json().path("id").asText() + "'"));
        assertEquals("nobody outside the area is told", 0, rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = 'footage-request:"
                + request.path("id").asText() + "' AND account_id IN ('" + http.get("/api/me", cy).json().path("id").asText() + "', '"
                + http.get("/api/me", di).json().path("id").asText() + "')"));

        // Withdrawn: those who had not answered are told, and recorded as not answering.
        assertEquals("WITHDRAWN", post("/api/agencies/KCPD/requests/" + request.path("id").asText() + "/withdraw", null, officer).json()
                .path("state").asText());
        assertEquals(2, rows("SELECT COUNT(*) FROM requests.delivery WHERE request_id = '" + request.path("id").asText()
                + "' AND status = 'NO_ANSWER'"));
        assertFalse(http.get("/api/agencies/KCPD/requests/" + request.path("id").asText(), officer).json().path("answers")
                .has("NO_ANSWER"));
        http.await("/api/me/inbox", r -> r.status() == 200 && r.body().contains("withdrew its footage request"), Duration.ofSeconds(20), ann);
    }

    @Test
    public void policyViolationsAre422ProblemsThatNameTheRule() {
        Http.Response tooLarge = http.postJson("/api/agencies/KCPD/requests", body(900, "BURGLARY", "Any footage helps.", 2), officer);
        assertEquals(tooLarge.body(), 422, tooLarge.status());
        assertEquals("urn:porchlight:problem:policy-violation", tooLarge.json().path("type").asText());
        assertTrue(tooLarge.body(), tooLarge.json().path("detail").asText().contains("max-area"));
        assertEquals("area", tooLarge.json().path("errors").get(0).path("field").asText());

        Http.Response protest = http.postJson("/api/agencies/KCPD/requests",
                body(200, "VANDALISM", "Looking for footage of the protest march on Main.", 2), officer);
        assertEquals(422, protest.status());
        assertTrue(protest.body(), protest.json().path("detail").asText().contains("lawful-activity"));
        // The same word however it is spelled: Greek omicron, a zero-width space, a hyphen, fullwidth letters.
        for (String spelled : new String[] {"pr\u03bftest", "pro\u200btest", "pro-test", "\uff50\uff52\uff4f\uff54\uff45\uff53\uff54"}) {
            Http.Response disguised = http.postJson("/api/agencies/KCPD/requests",
                    body(200, "VANDALISM", "Looking for footage of the " + spelled + " on Main.", 2), officer);
            assertEquals(spelled + ": " + disguised.body(), 422, disguised.status());
            assertTrue(disguised.body(), disguised.json().path("detail").asText().contains("lawful-activity"));
        }

        Http.Response longWindow = http.postJson("/api/agencies/KCPD/requests", body(200, "THEFT", "Any footage helps.", 13), officer);
        assertEquals(422, longWindow.status());
        assertTrue(longWindow.body(), longWindow.json().path("detail").asText().contains("max-window"));

        Http.Response unknownType = http.postJson("/api/agencies/KCPD/requests", body(200, "PROTEST", "x", 2), officer);
        assertEquals(400, unknownType.status());
        assertEquals("residents cannot draft requests", 403,
                http.postJson("/api/agencies/KCPD/requests", body(200, "THEFT", "Any footage helps.", 2), ann).status());
        assertEquals(0, rows("SELECT COUNT(*) FROM requests.footage_request WHERE case_number = '" + caseNumber + "'"));
    }

    @Test
    public void largeRequestsWaitForAnotherSupervisorAndIllegalMovesNameTheState() {
        register(ann, LAT, LON, true);
        String id = draft(550, "ROBBERY").path("id").asText(); // about 0.37 square miles: above the approval size
        JsonNode pending = post("/api/agencies/KCPD/requests/" + id + "/submit", null, officer).json();
        assertEquals("PENDING_APPROVAL", pending.path("state").asText());
        assertTrue(pending.path("approvalReason").asText().contains("square miles"));
        assertEquals("nobody was asked yet", 0, http.get("/api/me/requests", ann).json().size());

        assertEquals(403, post("/api/agencies/KCPD/requests/" + id + "/approve", "{}", officer).status());
        Http.Response closeWhilePending = post("/api/agencies/KCPD/requests/" + id + "/close", null, officer);
        assertEquals(409, closeWhilePending.status());
        assertTrue(closeWhilePending.body(), closeWhilePending.json().path("detail").asText().contains("PENDING_APPROVAL"));

        Http.Response rejected = post("/api/agencies/KCPD/requests/" + id + "/reject", "{\"reason\":\"Narrow the area to the block.\"}",
                supervisor);
        assertEquals("DRAFT", rejected.json().path("state").asText());
        assertEquals("Narrow the area to the block.", rejected.json().path("reviewNote").asText());
        assertEquals("PENDING_APPROVAL", post("/api/agencies/KCPD/requests/" + id + "/submit", null, officer).json().path("state").asText());
        JsonNode approved = post("/api/agencies/KCPD/requests/" + id + "/approve", "{\"note\":\"ok\"}", supervisor).json();
        assertEquals("ACTIVE", approved.path("state").asText());
        assertEquals(1, http.get("/api/me/requests", ann).json().size());

        String own = http.postJson("/api/agencies/KCPD/requests", body(550, "ROBBERY", "Any footage helps.", 2), supervisor).json()
                .path("id").asText();
        assertEquals("PENDING_APPROVAL", post("/api/agencies/KCPD/requests/" + own + "/submit", null, supervisor).json().path("state").asText());
        Http.Response selfApproval = post("/api/agencies/KCPD/requests/" + own + "/approve", "{}", supervisor);
        assertEquals(403, selfApproval.status());
        assertEquals("urn:porchlight:problem:own-request", selfApproval.json().path("type").asText());
        assertEquals("ACTIVE", post("/api/agencies/KCPD/requests/" + own + "/approve", "{}", otherSupervisor).json().path("state").asText());

        Http.Response third = http.postJson("/api/agencies/KCPD/requests", body(200, "ROBBERY", "Any footage helps.", 2), officer);
        assertEquals(422, third.status());
        assertTrue(third.body(), third.json().path("detail").asText().contains("max-requests-per-case"));
        // The same case written another way is the same case.
        String respelled = caseNumber.toUpperCase(Locale.ROOT).replace("-", "");
        Http.Response fourth = http.postJson("/api/agencies/KCPD/requests",
                body(200, "ROBBERY", "Any footage helps.", 2).replace(caseNumber, respelled), officer);
        assertEquals(fourth.body(), 422, fourth.status());
        assertTrue(fourth.body(), fourth.json().path("detail").asText().contains("max-requests-per-case"));
    }

    @Test
    public void ownersShareDeclineOrHaveNothingAndTheAgencySeesOnlyWhatWasShared() throws Exception {
        register(ann, LAT, LON, true);
        register(bo, LAT - 0.0005, LON, true);
        register(cy, LAT + 0.0005, LON, true);
        JsonNode request = activate(draft(200, "VEHICLE_BREAK_IN"));
        String id = request.path("id").asText();
        String annDelivery = http.get("/api/me/requests", ann).json().get(0).path("id").asText();
        String boDelivery = http.get("/api/me/requests", bo).json().get(0).path("id").asText();
        String cyDelivery = http.get("/api/me/requests", cy).json().get(0).path("id").asText();

        Http.Response shareFirst = post("/api/me/requests/" + annDelivery + "/answer", "{\"decision\":\"SHARE\"}", ann);
        assertEquals("sharing means naming uploaded files", 409, shareFirst.status());
        byte[] clip = ("doorbell clip " + UUID.randomUUID()).repeat(1000).getBytes(StandardCharsets.UTF_8);
        Http.Response uploaded = upload("/api/me/requests/" + annDelivery + "/files?name=porch.mp4", "video/mp4", clip, ann);
        assertEquals(uploaded.body(), 201, uploaded.status());
        assertEquals(sha256(clip), uploaded.json().path("sha256").asText());
        assertEquals(clip.length, uploaded.json().path("size").asLong());
        JsonNode shared = post("/api/me/requests/" + annDelivery + "/answer", "{\"decision\":\"SHARE\",\"revealIdentity\":true,"
                + "\"files\":[\"" + uploaded.json().path("id").asText() + "\"]}", ann).json();
        assertEquals("SHARED", shared.path("answer").asText());
        assertTrue(shared.path("identityRevealed").asBoolean());
        assertEquals(1, shared.path("files").size());

        assertEquals("DECLINED", post("/api/me/requests/" + boDelivery + "/answer", "{\"decision\":\"DECLINE\"}", bo).json().path("answer").asText());
        assertEquals("NOTHING", post("/api/me/requests/" + cyDelivery + "/answer", "{\"decision\":\"NOTHING\"}", cy).json().path("answer").asText());
        assertEquals("the owner shared files: declining now would hide what the agency holds", 409,
                post("/api/me/requests/" + annDelivery + "/answer", "{\"decision\":\"DECLINE\"}", ann).status());

        JsonNode answers = http.get("/api/agencies/KCPD/requests/" + id, officer).json().path("answers");
        assertEquals(1, answers.path("SHARED").asInt());
        assertEquals(1, answers.path("DECLINED").asInt());
        assertEquals(1, answers.path("NOTHING").asInt());
        assertFalse(answers.has("PENDING"));

        Http.Response responses = http.get("/api/agencies/KCPD/requests/" + id + "/responses", officer);
        assertEquals(responses.body(), 200, responses.status());
        assertEquals("only those who shared", 1, responses.json().size());
        JsonNode response = responses.json().get(0);
        assertTrue(response.path("pseudonym").asText().startsWith("Neighbor "));
        assertEquals(annEmail, response.path("revealed").path("email").asText());
        assertEquals(sha256(clip), response.path("items").get(0).path("sha256").asText());
        assertEquals("a camera location, rounded unless the owner allows the exact spot", 1, response.path("cameraLocations").size());
        assertFalse(responses.body().contains("bo-"));
        String item = response.path("items").get(0).path("id").asText();
        Http.Response download = http.send(HttpRequest.newBuilder(URI("/api/agencies/KCPD/evidence/" + item + "/content")).GET(), officer);
        assertEquals(200, download.status());
        assertEquals("what the owner uploaded, verified on the way out", sha256(clip),
                sha256(download.body().getBytes(StandardCharsets.UTF_8)));
        assertEquals(404, http.get("/api/agencies/KCPD/requests/" + id + "/responses", stranger).status());

        // The public page counts the answers, and names nobody and no case.
        Http.Response page = http.get("/api/public/agencies/KCPD/transparency");
        assertEquals(page.body(), 200, page.status());
        JsonNode months = page.json().path("months");
        JsonNode thisMonth = months.get(months.size() - 1).path("requests");
        assertTrue(page.body(), thisMonth.path("requestsMade").asInt() >= 1);
        assertTrue(page.body(), thisMonth.path("shared").asInt() >= 1 && thisMonth.path("declined").asInt() >= 1
                && thisMonth.path("nothingToShare").asInt() >= 1);
        assertTrue(page.body(), thisMonth.has("shareRate") && thisMonth.has("medianAreaSquareMiles"));
        assertFalse(page.body().contains(caseNumber));
    }

    @Test
    public void anUploadIsNotAShareTheAgencySeesNothingUntilTheOwnerConfirmsAndThenExactlyWhatWasConfirmed() throws Exception {
        register(ann, LAT, LON, true);
        String id = activate(draft(200, "VEHICLE_BREAK_IN")).path("id").asText();
        String delivery = http.get("/api/me/requests", ann).json().get(0).path("id").asText();
        long sharedBefore = sharedThisMonth();
        byte[] porchClip = ("porch " + UUID.randomUUID()).repeat(500).getBytes(StandardCharsets.UTF_8);
        byte[] yardClip = ("yard " + UUID.randomUUID()).repeat(500).getBytes(StandardCharsets.UTF_8);
        String porch = upload("/api/me/requests/" + delivery + "/files?name=porch.mp4", "video/mp4", porchClip, ann).json().path("id").asText();
        String yard = upload("/api/me/requests/" + delivery + "/files?name=yard.mp4", "video/mp4", yardClip, ann).json().path("id").asText();

        JsonNode mine = http.get("/api/me/requests/" + delivery, ann).json();
        assertEquals("PENDING", mine.path("answer").asText());
        assertEquals("the owner sees what they prepared", 2, mine.path("prepared").size());
        assertEquals(0, mine.path("files").size());
        for (String[] staff : List.of(officer, supervisor)) {
            agencySeesNoneOf(id, delivery, List.of(porch, yard), staff);
        }
        assertEquals("the public counts do not move", sharedBefore, sharedThisMonth());
        assertEquals("no notification of any answer", 0, rows("SELECT COUNT(*) FROM notify.notification WHERE notify_key LIKE "
                + "'footage-answer:" + delivery + "%'"));

        JsonNode confirmed = post("/api/me/requests/" + delivery + "/answer", "{\"decision\":\"SHARE\",\"files\":[\"" + porch + "\"]}",
                ann).json();
        assertEquals(confirmed.toString(), "SHARED", confirmed.path("answer").asText());
        assertEquals(1, confirmed.path("files").size());
        assertEquals("the file not named stays prepared", yard, confirmed.path("prepared").get(0).path("id").asText());
        for (String[] staff : List.of(officer, supervisor)) {
            JsonNode responses = http.get("/api/agencies/KCPD/requests/" + id + "/responses", staff).json();
            assertEquals(1, responses.size());
            assertEquals(1, responses.get(0).path("items").size());
            assertEquals(porch, responses.get(0).path("items").get(0).path("id").asText());
            assertEquals(List.of(porch), ids(http.get("/api/agencies/KCPD/evidence?request=" + id, staff).json()));
            assertEquals(List.of(porch), ids(http.get("/api/agencies/KCPD/evidence?case=" + caseNumber, staff).json()));
            assertEquals(1, http.get("/api/agencies/KCPD/requests/" + id, staff).json().path("answers").path("SHARED").asInt());
            agencyCannotReach(yard, staff);
        }
        Http.Response download = http.send(HttpRequest.newBuilder(URI("/api/agencies/KCPD/evidence/" + porch + "/content")).GET(), officer);
        assertEquals(sha256(porchClip), sha256(download.body().getBytes(StandardCharsets.UTF_8)));
        // One to the agency; the copies for its officer and supervisors are the notifications bundle's.
        assertEquals("one notification, on confirmation", 1, rows("SELECT COUNT(*) FROM notify.notification WHERE notify_key = "
                + "'footage-answer:" + delivery + ":SHARED' AND recipient = 'agency:KCPD'"));
        assertEquals(sharedBefore + 1, sharedThisMonth());

        // The owner sees exactly what was shared and when, as the custody record has it.
        Http.Response sharedView = http.get("/api/me/requests/" + delivery + "/shared", ann);
        assertEquals(sharedView.body(), 200, sharedView.status());
        assertEquals(1, sharedView.json().size());
        JsonNode share = sharedView.json().get(0);
        assertEquals(porch, share.path("id").asText());
        assertEquals(sha256(porchClip), share.path("sha256").asText());
        assertEquals(porchClip.length, share.path("size").asLong());
        JsonNode custody = http.get("/api/agencies/KCPD/evidence/" + porch + "/custody", officer).json();
        JsonNode sharedEvent = custody.path("events").get(1);
        assertEquals("SHARED", sharedEvent.path("kind").asText());
        assertEquals(sharedEvent.path("hash").asText(), share.path("custodyHash").asText());
        assertEquals(Instant.parse(sharedEvent.path("at").asText()), Instant.parse(share.path("sharedAt").asText()));
        assertEquals(404, http.get("/api/me/requests/" + delivery + "/shared", bo).status());

        // A prepared file can be removed, bytes and all; a shared one cannot.
        assertEquals(204, http.send("DELETE", "/api/me/requests/" + delivery + "/files/" + yard, null, null, ann).status());
        assertEquals(0, rows("SELECT COUNT(*) FROM evidence.item WHERE id = '" + yard + "'"));
        assertEquals(404, http.send("DELETE", "/api/me/requests/" + delivery + "/files/" + yard, null, null, ann).status());
        Http.Response removeShared = http.send("DELETE", "/api/me/requests/" + delivery + "/files/" + porch, null, null, ann);
        assertEquals(409, removeShared.status());
        assertEquals("urn:porchlight:problem:already-shared", removeShared.json().path("type").asText());
        Http.Response again = post("/api/me/requests/" + delivery + "/answer", "{\"decision\":\"SHARE\",\"files\":[\"" + porch + "\"]}",
                ann);
        assertEquals("a double confirmation is refused", 409, again.status());
        assertEquals("urn:porchlight:problem:file-not-prepared", again.json().path("type").asText());
    }

    @Test
    public void declineAfterAnUploadWorksLeavesNothingAndNobodyElseCanShareOrRemoveThePreparedFile() throws Exception {
        register(ann, LAT, LON, true);
        register(bo, LAT - 0.0005, LON, true);
        String id = activate(draft(200, "BURGLARY")).path("id").asText();
        String annDelivery = http.get("/api/me/requests", ann).json().get(0).path("id").asText();
        String boDelivery = http.get("/api/me/requests", bo).json().get(0).path("id").asText();
        byte[] clip = ("declined " + UUID.randomUUID()).repeat(300).getBytes(StandardCharsets.UTF_8);
        String file = upload("/api/me/requests/" + annDelivery + "/files?name=porch.mp4", "video/mp4", clip, ann).json().path("id").asText();
        upload("/api/me/requests/" + annDelivery + "/files?name=yard.mp4", "video/mp4", clip, ann);

        // Another resident can neither share ann's prepared file under their own answer nor remove it.
        Http.Response borrowed = post("/api/me/requests/" + boDelivery + "/answer", "{\"decision\":\"SHARE\",\"files\":[\"" + file
                + "\"]}", bo);
        assertEquals(409, borrowed.status());
        assertEquals("urn:porchlight:problem:file-not-prepared", borrowed.json().path("type").asText());
        assertEquals(404, http.send("DELETE", "/api/me/requests/" + annDelivery + "/files/" + file, null, null, bo).status());
        assertEquals(404, http.send("DELETE", "/api/me/requests/" + boDelivery + "/files/" + file, null, null, bo).status());
        assertEquals(404, post("/api/me/requests/" + annDelivery + "/answer", "{\"decision\":\"SHARE\",\"files\":[\"" + file + "\"]}",
                bo).status());

        JsonNode declined = post("/api/me/requests/" + annDelivery + "/answer", "{\"decision\":\"DECLINE\"}", ann).json();
        assertEquals(declined.toString(), "DECLINED", declined.path("answer").asText());
        assertEquals(0, declined.path("prepared").size());
        assertEquals("nothing of the upload is left", 0, rows("SELECT COUNT(*) FROM evidence.item WHERE response_id = '" + annDelivery + "'"));
        assertEquals(0, rows("SELECT COUNT(*) FROM evidence.custody_event WHERE item_id = '" + file + "'"));
        JsonNode answers = http.get("/api/agencies/KCPD/requests/" + id, officer).json().path("answers");
        assertEquals(1, answers.path("DECLINED").asInt());
        assertEquals(0, answers.path("SHARED").asInt());
        agencySeesNoneOf(id, annDelivery, List.of(file), supervisor);
        Http.Response late = post("/api/me/requests/" + annDelivery + "/answer", "{\"decision\":\"SHARE\",\"files\":[\"" + file + "\"]}",
                ann);
        assertEquals("a discarded file cannot be shared", 409, late.status());
    }

    @Test
    public void thePublicLogShowsActivatedRequestsRoughlyAndKeepsDelayedOnesBack() {
        register(ann, LAT, LON, true);
        JsonNode shown = activate(draft(200, "ARSON"));
        JsonNode delayed = activate(draft(200, "ARSON"));
        Http.Response delay = post("/api/agencies/KCPD/requests/" + delayed.path("id").asText() + "/publication-delay",
                "{\"until\":\"" + Instant.now().plus(3, ChronoUnit.DAYS) + "\",\"reason\":\"Suspect not yet in custody\"}", supervisor);
        assertEquals(delay.body(), 200, delay.status());
        Http.Response tooLong = post("/api/agencies/KCPD/requests/" + delayed.path("id").asText() + "/publication-delay",
                "{\"until\":\"" + Instant.now().plus(90, ChronoUnit.DAYS) + "\",\"reason\":\"x\"}", supervisor);
        assertEquals(422, tooLong.status());

        Http.Response log = http.get("/api/public/agencies/KCPD/requests");
        assertEquals(log.body(), 200, log.status());
        assertTrue(log.body().contains(shown.path("id").asText()));
        assertFalse("delayed with a reason", log.body().contains(delayed.path("id").asText()));
        assertFalse("no case numbers in public", log.body().contains(caseNumber));
        assertFalse("no messages in public", log.body().contains("footage"));
        JsonNode entry = log.json().get(0);
        assertEquals("ARSON", entry.path("incidentType").asText());
        double lat = entry.path("area").path("latitude").asDouble();
        assertEquals("rounded to about 1 km", Math.round(lat * 100) / 100.0, lat, 1e-9);
        assertEquals(404, http.get("/api/public/agencies/NOPE/requests").status());
    }

    @Test
    public void aWitnessLinkTakesFilesUntilItsLimitAndNotAfterItCloses() {
        Http.Response opened = http.postJson("/api/agencies/KCPD/witness-links",
                "{\"caseNumber\":\"" + caseNumber + "\",\"maxFiles\":1}", officer);
        assertEquals(opened.body(), 201, opened.status());
        String token = opened.json().path("token").asText();
        assertEquals(43, token.length());
        assertEquals("the token is shown once", "", http.get("/api/agencies/KCPD/witness-links", officer).json().get(0).path("token").asText(""));

        JsonNode open = http.get("/api/public/submissions/" + token).json();
        assertEquals(1, open.path("filesRemaining").asInt());
        assertFalse("no case details for whoever holds the link", open.toString().contains(caseNumber));
        byte[] photo = "a witness photo".repeat(500).getBytes(StandardCharsets.UTF_8);
        Http.Response receipt = upload("/api/public/submissions/" + token + "/files?name=street.jpg", "image/jpeg", photo);
        assertEquals(receipt.body(), 201, receipt.status());
        assertEquals(sha256(photo), receipt.json().path("sha256").asText());
        assertTrue("prepared, not shared", receipt.json().path("sharedAt").isMissingNode() || receipt.json().path("sharedAt").isNull());
        assertEquals(409, upload("/api/public/submissions/" + token + "/files", "image/jpeg", photo).status());
        String file = receipt.json().path("id").asText();

        // Until the witness confirms, the agency sees no file and no count; a removed file gives its slot back.
        for (String[] staff : List.of(officer, supervisor)) {
            assertEquals(0, http.get("/api/agencies/KCPD/evidence?case=" + caseNumber, staff).json().size());
            assertEquals(0, http.get("/api/agencies/KCPD/witness-links?caseNumber=" + caseNumber, staff).json().get(0)
                    .path("filesShared").asInt());
            agencyCannotReach(file, staff);
        }
        assertEquals(204, http.send("DELETE", "/api/public/submissions/" + token + "/files/" + file, null, null).status());
        assertEquals(0, rows("SELECT COUNT(*) FROM evidence.item WHERE id = '" + file + "'"));
        file = upload("/api/public/submissions/" + token + "/files?name=street.jpg", "image/jpeg", photo).json().path("id").asText();
        assertEquals(409, post("/api/public/submissions/" + token + "/share", "{\"files\":[\"" + UUID.randomUUID() + "\"]}").status());
        Http.Response shared = post("/api/public/submissions/" + token + "/share", "{\"files\":[\"" + file + "\"]}");
        assertEquals(shared.body(), 200, shared.status());
        assertFalse(shared.json().get(0).path("sharedAt").isNull());
        assertEquals(List.of(file), ids(http.get("/api/agencies/KCPD/evidence?case=" + caseNumber, officer).json()));
        assertEquals(1, http.get("/api/agencies/KCPD/witness-links?caseNumber=" + caseNumber, officer).json().get(0)
                .path("filesShared").asInt());
        assertEquals("shared files stay", 404, http.send("DELETE", "/api/public/submissions/" + token + "/files/" + file, null, null)
                .status());
        assertEquals(409, post("/api/public/submissions/" + token + "/share", "{\"files\":[\"" + file + "\"]}").status());

        String id = opened.json().path("id").asText();
        assertEquals(204, post("/api/agencies/KCPD/witness-links/" + id + "/revoke", null, officer).status());
        assertEquals(410, http.get("/api/public/submissions/" + token).status());
        assertEquals(410, http.get("/api/public/submissions/" + "A".repeat(43)).status());
        assertEquals(404, post("/api/agencies/KCPD/witness-links/" + id + "/revoke", null, stranger).status());
    }

    @Test
    public void anExpiredRequestRecordsOwnersWhoDidNotAnswerAndTakesNoMoreAnswers() throws Exception {
        register(ann, LAT, LON, true);
        register(bo, LAT - 0.0005, LON, true);
        JsonNode request = activate(draft(200, "HIT_AND_RUN"));
        String id = request.path("id").asText();
        String boDelivery = http.get("/api/me/requests", bo).json().get(0).path("id").asText();
        post("/api/me/requests/" + boDelivery + "/answer", "{\"decision\":\"DECLINE\",\"reason\":\"not comfortable\"}", bo);
        try (java.sql.Connection c = primaryDataSource().getConnection(); var s = c.createStatement()) {
            s.executeUpdate("UPDATE requests.footage_request SET expires_at = CURRENT_TIMESTAMP - INTERVAL '1' MINUTE WHERE id = '" + id + "'");
        }
        checkLifecycleEverySecond();
        http.await("/api/agencies/KCPD/requests/" + id, r -> r.status() == 200 && "EXPIRED".equals(r.json().path("request").path("state").asText()),
                Duration.ofSeconds(30), officer);
        JsonNode answers = http.get("/api/agencies/KCPD/requests/" + id, officer).json().path("answers");
        assertEquals(1, rows("SELECT COUNT(*) FROM requests.delivery WHERE request_id = '" + id + "' AND status = 'NO_ANSWER'"));
        assertFalse(answers.has("NO_ANSWER"));
        String audited = "SELECT COUNT(*) FROM audit.entry WHERE action = 'request.expired' AND target LIKE '%" + id + "'";
        for (int i = 0; i < 100 && rows(audited) == 0; i++) {
            Thread.sleep(100); // recorded with the expiry, it joins the chain a moment after the commit
        }
        assertEquals("the expiry is in the audit log", 1, rows(audited));
        assertEquals(1, answers.path("DECLINED").asInt());
        String annDelivery = http.get("/api/me/requests", ann).json().get(0).path("id").asText();
        Http.Response late = post("/api/me/requests/" + annDelivery + "/answer", "{\"decision\":\"NOTHING\"}", ann);
        assertEquals(409, late.status());
        assertEquals("urn:porchlight:problem:request-not-open", late.json().path("type").asText());
    }

    // ---- helpers

    /** Every agency route for requests and evidence shows nothing of the prepared files, to {@code staff}. */
    private void agencySeesNoneOf(String request, String delivery, List<String> files, String[] staff) throws Exception {
        JsonNode view = http.get("/api/agencies/KCPD/requests/" + request, staff).json();
        assertEquals(view.toString(), 0, view.path("answers").path("SHARED").asInt());
        Http.Response responses = http.get("/api/agencies/KCPD/requests/" + request + "/responses", staff);
        assertEquals(responses.body(), 200, responses.status());
        assertEquals(0, responses.json().size());
        for (String listing : List.of("/api/agencies/KCPD/evidence?request=" + request, "/api/agencies/KCPD/evidence?case=" + caseNumber)) {
            Http.Response listed = http.get(listing, staff);
            assertEquals(listed.body(), 200, listed.status());
            assertEquals(listed.body(), 0, listed.json().size());
        }
        for (String file : files) {
            agencyCannotReach(file, staff);
        }
        assertEquals("no notification to staff of a share", 0, rows("SELECT COUNT(*) FROM notify.notification WHERE notify_key = "
                + "'footage-answer:" + delivery + ":SHARED'"));
    }

    private void agencyCannotReach(String file, String[] staff) {
        String base = "/api/agencies/KCPD/evidence/" + file;
        for (String path : List.of(base, base + "/content", base + "/custody", base + "/custody.csv")) {
            assertEquals(path, 404, http.get(path, staff).status());
        }
        assertEquals(404, http.send(HttpRequest.newBuilder(URI(base + "/content")).method("HEAD", HttpRequest.BodyPublishers.noBody()),
                staff).status());
        assertEquals(404, post(base + "/export", null, staff).status());
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new java.util.ArrayList<>();
        items.forEach(item -> ids.add(item.path("id").asText()));
        return ids;
    }

    private long sharedThisMonth() {
        JsonNode months = http.get("/api/public/agencies/KCPD/transparency").json().path("months");
        return months.size() == 0 ? 0 : months.get(months.size() - 1).path("requests").path("shared").asLong();
    }

    private void checkLifecycleEverySecond() throws Exception {
        ConfigurationAdmin configs = service(ConfigurationAdmin.class, null);
        Configuration config = configs.getConfiguration("org.porchlight.requests", "?");
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("lifecycleCheckSeconds", 1);
        config.update(properties);
    }

    /**
     * A request over a 5 m wide strip through a camera whose owner keeps its exact spot to
     * themselves asks that owner, but what the agency is shown is the same as when the camera
     * stands at the other side of its coarse cell, outside the strip: ownersAsked and the answer
     * counts locate it no better than the cell.
     */
    @Test
    public void whatAnAgencyIsShownOfARequestDoesNotTellWhereInItsCellACameraIs() throws Exception {
        double[] cell = CoarseCell.around(LAT, LON);
        double[] here = CoarseCell.inside(cell, 0.2, 0.2);
        double[] there = CoarseCell.inside(cell, 0.8, 0.8);
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            String[] owner = residentSession("strip" + i + "-" + run + "@requests.example");
            register(owner, here[0] + CoarseCell.north(300 + 25 * i), here[1], true);
        }
        Http.Response target = http.postJson("/api/registry/cameras", camera(here), ann);
        assertEquals(target.body(), 201, target.status());

        JsonNode before = publicFigures();
        JsonNode first = activate(strip(here));
        JsonNode afterFirst = publicFigures();
        assertEquals(first.toString(), 6, first.path("ownersAsked").path("owners").asInt());
        assertEquals("the owner in the strip is asked", 6, rows("SELECT COUNT(*) FROM requests.delivery WHERE request_id = '"
                + first.path("id").asText() + "'"));

        Http.Response moved = http.send("PUT", "/api/registry/cameras/" + target.json().path("id").asText(), "application/json",
                camera(there), ann);
        assertEquals(moved.body(), 200, moved.status());
        JsonNode second = activate(strip(here));
        assertEquals("now outside the strip, the owner is not asked", 5, rows("SELECT COUNT(*) FROM requests.delivery "
                + "WHERE request_id = '" + second.path("id").asText() + "'"));
        assertEquals(first.path("ownersAsked"), second.path("ownersAsked"));
        // The public page, read around each activation, moves the same way both times.
        JsonNode afterSecond = publicFigures();
        for (String figure : List.of("ownersAsked", "pending", "noAnswer")) {
            assertFalse(afterSecond.toString(), afterSecond.has(figure));
        }
        afterSecond.fieldNames().forEachRemaining(figure -> {
            if (!figure.endsWith("Rate") && !figure.startsWith("median")) {
                assertEquals(figure, afterFirst.path(figure).asLong() - before.path(figure).asLong(),
                        afterSecond.path(figure).asLong() - afterFirst.path(figure).asLong());
            }
        });
        assertEquals(http.get("/api/agencies/KCPD/requests/" + first.path("id").asText(), officer).json().path("answers"),
                http.get("/api/agencies/KCPD/requests/" + second.path("id").asText(), officer).json().path("answers"));
    }

    /** This month's requests figures on KCPD's public transparency page. */
    private JsonNode publicFigures() {
        Http.Response page = http.get("/api/public/agencies/KCPD/transparency");
        assertEquals(page.body(), 200, page.status());
        JsonNode months = page.json().path("months");
        return months.get(months.size() - 1).path("requests");
    }

    /** A draft over a strip 5 m wide and 13.5 km long, north to south through {@code at}: above the policy's least area. */
    private JsonNode strip(double[] at) {
        double s = at[0] - CoarseCell.north(6750);
        double n = at[0] + CoarseCell.north(6750);
        double w = at[1] - CoarseCell.east(2.5, at[0]);
        double e = at[1] + CoarseCell.east(2.5, at[0]);
        Instant end = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Http.Response created = http.postJson("/api/agencies/KCPD/requests", "{\"caseNumber\":\"" + caseNumber
                + "\",\"incidentType\":\"BURGLARY\",\"windowStart\":\"" + end.minus(2, ChronoUnit.HOURS) + "\",\"windowEnd\":\""
                + end + "\",\"area\":{\"type\":\"polygon\",\"vertices\":[" + point(s, w) + "," + point(s, e) + ","
                + point(n, e) + "," + point(n, w) + "]},\"message\":\"A car was broken into overnight; footage of the street "
                + "would help.\"}", officer);
        assertEquals(created.body(), 201, created.status());
        return created.json();
    }

    private static String point(double lat, double lon) {
        return "{\"latitude\":" + lat + ",\"longitude\":" + lon + "}";
    }

    private static String camera(double[] at) {
        return "{\"location\":" + point(at[0], at[1]) + ",\"address\":\"1 Porch Lane\",\"kind\":\"DOORBELL\",\"recording\":true,"
                + "\"retentionDays\":30,\"contactOk\":true,\"exactLocationOk\":false,\"paused\":false}";
    }

    private JsonNode draft(double radius, String type) {
        Http.Response created = http.postJson("/api/agencies/KCPD/requests", body(radius, type, "A car was broken into overnight; "
                + "footage of the street between the hours given would help.", 2), officer);
        assertEquals(created.body(), 201, created.status());
        assertEquals("DRAFT", created.json().path("state").asText());
        return created.json();
    }

    private JsonNode activate(JsonNode draft) {
        Http.Response submitted = post("/api/agencies/KCPD/requests/" + draft.path("id").asText() + "/submit", null, officer);
        assertEquals(submitted.body(), 200, submitted.status());
        return submitted.json();
    }

    private String body(double radius, String type, String message, int windowHours) {
        Instant end = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return "{\"caseNumber\":\"" + caseNumber + "\",\"incidentType\":\"" + type + "\",\"windowStart\":\""
                + end.minus(windowHours, ChronoUnit.HOURS) + "\",\"windowEnd\":\"" + end + "\",\"area\":{\"type\":\"circle\","
                + "\"center\":{\"latitude\":" + LAT + ",\"longitude\":" + LON + "},\"radiusMeters\":" + radius + "},\"message\":\""
                + message + "\"}";
    }

    private void register(String[] who, double lat, double lon, boolean contactOk) {
        Http.Response r = http.postJson("/api/registry/cameras", "{\"location\":{\"latitude\":" + lat + ",\"longitude\":" + lon
                + "},\"address\":\"1 Porch Lane\",\"kind\":\"DOORBELL\",\"recording\":true,\"retentionDays\":30,\"contactOk\":" + contactOk
                + ",\"paused\":false}", who);
        assertEquals(r.body(), 201, r.status());
    }

    private Http.Response post(String path, String json, String... who) {
        return http.send("POST", path, json == null ? null : "application/json", json, who);
    }

    private Http.Response upload(String path, String type, byte[] content, String... who) {
        return http.send(HttpRequest.newBuilder(URI(path)).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(content)),
                who);
    }

    private java.net.URI URI(String path) {
        return java.net.URI.create("http://127.0.0.1:" + context.getProperty("porchlight.http.port") + path);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
