package org.porchlight.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The resident's side of footage requests in the portal, over real HTTP: the inbox, a request's page with
 * uploads (multipart, with the CSRF field), removal and the share of exactly the files ticked, what was
 * shared with its custody record; the witness link's page; and the agency's evidence page, whose download
 * hands out the very bytes uploaded and is recorded in custody. Another resident and another agency reach
 * nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class OwnerPagesIT extends PorchlightTestSupport {

    private static final double LAT = 39.0997;
    private static final double LON = -94.5786;

    private String[] admin;
    private String[] officer;
    private String officerEmail;
    private String strangerEmail;
    private String caseNumber;

    @Before
    public void agencies() {
        admin = asAdmin();
        for (String code : List.of("KCPD", "JCSO")) {
            http.postJson("/api/agencies", IdentityIT.agency(code), admin);
        }
        officerEmail = "officer@kcpd-owner-pages.example";
        officer = staffSession("KCPD", officerEmail, "OFFICER", admin);
        strangerEmail = "deputy@jcso-owner-pages.example";
        staffSession("JCSO", strangerEmail, "OFFICER", admin);
        caseNumber = "2026-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    public void aResidentUploadsReviewsSharesAndSeesCustodyAndTheAgencyDownloadsTheSameBytes() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String annEmail = "ann-" + run + "@owner-pages.example";
        String boEmail = "bo-" + run + "@owner-pages.example";
        String[] ann = residentSession(annEmail);
        residentSession(boEmail);
        register(ann, LAT, LON);
        String requestId = activate("Footage of the street, please: <b>bold</b> & more");
        String delivery = http.get("/api/me/requests", ann).json().get(0).path("id").asText();

        PortalSession annPortal = signedIn(annEmail, PEOPLE_PASSWORD);
        Http.Response inbox = page(annPortal, "/inbox");
        assertPortalPage(200, inbox);
        assertTrue(inbox.body(), inbox.body().contains("href=\"/inbox/" + delivery + "\""));
        assertTrue(inbox.body(), inbox.body().contains("Vehicle break-in"));
        assertTrue(inbox.body(), inbox.body().contains("Not answered yet"));

        Http.Response request = page(annPortal, "/inbox/" + delivery);
        assertPortalPage(200, request);
        String body = request.body();
        assertTrue(body, body.contains("Uploading is not sharing."));
        assertTrue(body, body.contains("data-upload") && body.contains("<progress hidden") && body.contains("data-upload-status"));
        assertTrue(body, body.contains("enctype=\"multipart/form-data\""));
        assertTrue(body, body.contains("data-map=\"{&quot;mode&quot;:&quot;view&quot;"));
        assertTrue(body, body.contains("Within 200 metres of the point 39.09970, -94.57860"));
        assertTrue("the agency's text is escaped: " + body, body.contains("&lt;b&gt;bold&lt;/b&gt; &amp; more"));
        assertFalse(body, body.contains("<b>bold</b>"));
        assertTrue("times in the agency's zone: " + body, body.contains("CST") || body.contains("CDT"));

        Random random = new Random(7);
        byte[] porchClip = new byte[300_000];
        random.nextBytes(porchClip);
        byte[] yardClip = new byte[1000];
        random.nextBytes(yardClip);
        String csrf = PortalSession.formToken(request);
        Http.Response uploaded = submitFile(annPortal, "/inbox/" + delivery + "/files", csrf,
                "file", "porch.mp4", "video/mp4", porchClip);
        assertEquals(uploaded.toString(), 303, uploaded.status());
        assertEquals("/inbox/" + delivery + "?done=uploaded", uploaded.header("Location").orElse(""));
        assertEquals(303, submitFile(annPortal, "/inbox/" + delivery + "/files", csrf,
                "file", "yard.mp4", "video/mp4", yardClip).status());
        assertPortalPage(403, submitFile(annPortal, "/inbox/" + delivery + "/files", "forged",
                "file", "x.mp4", "video/mp4", yardClip));
        Http.Response refused = submitFile(annPortal, "/inbox/" + delivery + "/files", csrf,
                "file", "notes.txt", "text/plain", yardClip);
        assertPortalPage(415, refused);
        assertTrue(refused.body(), refused.body().contains("The agency does not accept this kind of file."));
        assertTrue("the form again", refused.body().contains("name=\"file\""));

        JsonNode mine = http.get("/api/me/requests/" + delivery, ann).json();
        assertEquals(2, mine.path("prepared").size());
        String porch = idOf(mine.path("prepared"), "porch.mp4");
        String yard = idOf(mine.path("prepared"), "yard.mp4");
        assertEquals("the agency sees nothing of an upload", 0, http.get("/api/agencies/KCPD/evidence?request=" + requestId, officer)
                .json().size());
        Http.Response review = page(annPortal, "/inbox/" + delivery + "?done=uploaded");
        assertTrue(review.body(), review.body().contains("porch.mp4") && review.body().contains("yard.mp4"));
        assertTrue(review.body(), review.body().contains("value=\"" + porch + "\""));
        assertTrue(review.body(), review.body().contains("Your files are not shared yet"));

        // Another resident reaches none of it.
        PortalSession boPortal = signedIn(boEmail, PEOPLE_PASSWORD);
        assertFalse(page(boPortal, "/inbox").body().contains(delivery));
        assertPortalPage(404, page(boPortal, "/inbox/" + delivery));
        String boCsrf = PortalSession.formToken(page(boPortal, "/inbox"));
        assertPortalPage(404, submit(boPortal, "/inbox/" + delivery + "/share", Map.of("csrf", boCsrf, "files", porch)));
        assertPortalPage(404, submit(boPortal, "/inbox/" + delivery + "/remove", Map.of("csrf", boCsrf, "file", yard)));
        assertEquals(2, http.get("/api/me/requests/" + delivery, ann).json().path("prepared").size());

        // Remove one, keep the other; sharing nothing ticked is the form again.
        Http.Response removed = submit(annPortal, "/inbox/" + delivery + "/remove", Map.of("csrf", csrf, "file", yard));
        assertEquals(removed.toString(), 303, removed.status());
        assertEquals(1, http.get("/api/me/requests/" + delivery, ann).json().path("prepared").size());
        Http.Response none = submit(annPortal, "/inbox/" + delivery + "/share", Map.of("csrf", csrf));
        assertPortalPage(422, none);
        assertTrue(none.body(), none.body().contains("Tick at least one file to share."));
        Http.Response stale = submit(annPortal, "/inbox/" + delivery + "/share", Map.of("csrf", csrf, "files", yard));
        assertPortalPage(409, stale);
        assertTrue(stale.body(), stale.body().contains("Nothing was shared"));
        assertEquals("PENDING", http.get("/api/me/requests/" + delivery, ann).json().path("answer").asText());

        Http.Response shared = submit(annPortal, "/inbox/" + delivery + "/share", Map.of("csrf", csrf, "files", porch));
        assertEquals(shared.toString(), 303, shared.status());
        assertEquals("SHARED", http.get("/api/me/requests/" + delivery, ann).json().path("answer").asText());
        JsonNode record = http.get("/api/me/requests/" + delivery + "/shared", ann).json().get(0);
        String custodyHash = record.path("custodyHash").asText();
        Http.Response after = page(annPortal, "/inbox/" + delivery + "?done=shared");
        assertPortalPage(200, after);
        assertTrue(after.body(), after.body().contains("What you shared"));
        assertTrue(after.body(), after.body().contains(record.path("sharedAs").asText()));
        assertTrue(after.body(), after.body().contains(custodyHash.substring(0, 16)));
        assertTrue(after.body(), after.body().contains(record.path("sha256").asText().substring(0, 16)));
        Http.Response sharedPage = page(annPortal, "/shared");
        assertPortalPage(200, sharedPage);
        assertTrue(sharedPage.body(), sharedPage.body().contains("porch.mp4") && sharedPage.body().contains(custodyHash.substring(48)));
        assertFalse(page(boPortal, "/shared").body().contains("porch.mp4"));
        assertTrue(page(annPortal, "/inbox").body().contains("Shared footage"));

        // The agency: the shared file only, the same bytes, recorded in its custody.
        PortalSession officerPortal = signedIn(officerEmail, PEOPLE_PASSWORD);
        Http.Response evidence = page(officerPortal, "/evidence/requests/" + requestId);
        assertPortalPage(200, evidence);
        assertTrue(evidence.body(), evidence.body().contains("porch.mp4"));
        assertFalse(evidence.body(), evidence.body().contains("yard.mp4"));
        String staffCsrf = PortalSession.formToken(evidence);
        HttpResponse<byte[]> download = post(officerPortal, "/evidence/items/" + porch + "/content", staffCsrf);
        assertEquals(200, download.statusCode());
        assertArrayEquals(porchClip, download.body());
        assertEquals("video/mp4", download.headers().firstValue("Content-Type").orElse(""));
        assertTrue(download.headers().firstValue("Content-Disposition").orElse("").contains("porch.mp4"));
        JsonNode events = http.get("/api/agencies/KCPD/evidence/" + porch + "/custody", officer).json().path("events");
        String officerId = http.get("/api/me", officer).json().path("id").asText();
        assertEquals("ACCESSED", events.get(events.size() - 1).path("kind").asText());
        assertEquals("account:" + officerId, events.get(events.size() - 1).path("actor").asText());
        HttpResponse<byte[]> csv = post(officerPortal, "/evidence/items/" + porch + "/custody.csv", staffCsrf);
        assertEquals(200, csv.statusCode());
        String csvText = new String(csv.body(), StandardCharsets.UTF_8);
        assertTrue(csvText, csvText.startsWith("sequence,at,kind,actor,detail,request_id,previous_hash,hash"));
        assertTrue(csvText, csvText.contains(",SHARED,") && csvText.contains(",ACCESSED,") && csvText.contains(custodyHash));
        assertEquals("a forged form hands out nothing", 403, post(officerPortal, "/evidence/items/" + porch + "/content", "x").statusCode());
        assertEquals("a forged form records nothing", events.size(),
                http.get("/api/agencies/KCPD/evidence/" + porch + "/custody", officer).json().path("events").size());

        // Another agency's staff and residents reach none of it.
        PortalSession stranger = signedIn(strangerEmail, PEOPLE_PASSWORD);
        Http.Response theirs = page(stranger, "/evidence/requests/" + requestId);
        assertPortalPage(200, theirs);
        assertFalse(theirs.body(), theirs.body().contains("porch.mp4"));
        assertEquals(404, post(stranger, "/evidence/items/" + porch + "/content", PortalSession.formToken(theirs)).statusCode());
        assertPortalPage(403, page(annPortal, "/evidence/requests/" + requestId));
        assertPortalPage(403, page(officerPortal, "/inbox"));
    }

    @Test
    public void aWitnessUploadsThroughTheLinkPageAndSharesOnlyWhatTheyTick() throws Exception {
        Http.Response opened = http.postJson("/api/agencies/KCPD/witness-links", "{\"caseNumber\":\"" + caseNumber + "\",\"maxFiles\":3}",
                officer);
        assertEquals(opened.body(), 201, opened.status());
        String token = opened.json().path("token").asText();

        PortalSession witness = new PortalSession();
        Http.Response link = page(witness, "/witness/" + token);
        assertPortalPage(200, link);
        assertTrue(link.body(), link.body().contains("KCPD Police") && link.body().contains("Uploading is not sharing."));
        assertFalse("no case details for whoever holds the link", link.body().contains(caseNumber));
        assertTrue(link.body(), link.body().contains("<progress hidden"));
        String csrf = PortalSession.formToken(link);
        byte[] photo = "a witness photo".repeat(200).getBytes(StandardCharsets.UTF_8);
        assertEquals(303, submitFile(witness, "/witness/" + token + "/files", csrf,
                "file", "street.jpg", "image/jpeg", photo).status());
        assertEquals(303, submitFile(witness, "/witness/" + token + "/files", csrf,
                "file", "other.jpg", "image/jpeg", photo).status());
        Http.Response review = page(witness, "/witness/" + token + "?done=uploaded");
        assertTrue(review.body(), review.body().contains("street.jpg") && review.body().contains("other.jpg"));
        List<String> ids = checkboxValues(review.body());
        assertEquals(review.body(), 2, ids.size());
        assertEquals("nothing reaches the agency before the share", 0,
                http.get("/api/agencies/KCPD/evidence?case=" + caseNumber, officer).json().size());

        Http.Response shared = submit(witness, "/witness/" + token + "/share", Map.of("csrf", csrf, "files", ids.get(0)));
        assertEquals(shared.toString(), 303, shared.status());
        Http.Response after = page(witness, "/witness/" + token + "?done=shared");
        assertTrue(after.body(), after.body().contains("What you shared"));
        assertEquals(1, http.get("/api/agencies/KCPD/evidence?case=" + caseNumber, officer).json().size());

        PortalSession officerPortal = signedIn(officerEmail, PEOPLE_PASSWORD);
        Http.Response byCase = page(officerPortal, "/evidence?case=" + URLEncoder.encode(caseNumber, StandardCharsets.UTF_8));
        assertPortalPage(200, byCase);
        assertEquals(byCase.body(), 1, count(byCase.body(), "/evidence/items/") / 2);
        assertPortalPage(200, page(officerPortal, "/evidence"));

        assertPortalPage(410, page(new PortalSession(), "/witness/" + "A".repeat(43)));
        assertPortalPage(200, page(new PortalSession(), "/witness"));
        assertPortalPage(404, page(new PortalSession(), "/witness/short"));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    private static List<String> checkboxValues(String html) {
        return java.util.regex.Pattern.compile("type=\"checkbox\" id=\"share-\\d+\" name=\"files\" value=\"([0-9a-f-]{36})\"")
                .matcher(html).results().map(m -> m.group(1)).collect(Collectors.toList());
    }

    private static String idOf(JsonNode files, String name) {
        for (JsonNode f : files) {
            if (name.equals(f.path("fileName").asText())) {
                return f.path("id").asText();
            }
        }
        throw new AssertionError("no " + name + " in " + files);
    }

    /** A form post whose answer is a file: its bytes as they came. */
    private HttpResponse<byte[]> post(PortalSession session, String path, String csrf) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(http.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)));
        String[] headers = session.headers();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void register(String[] who, double lat, double lon) {
        Http.Response r = http.postJson("/api/registry/cameras", "{\"location\":{\"latitude\":" + lat + ",\"longitude\":" + lon
                + "},\"address\":\"1 Porch Lane\",\"kind\":\"DOORBELL\",\"recording\":true,\"retentionDays\":30,\"contactOk\":true,"
                + "\"paused\":false}", who);
        assertEquals(r.body(), 201, r.status());
    }

    /** A request for footage around the camera, activated through the API as RequestsContract does; its id. */
    private String activate(String message) {
        Instant end = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String json = "{\"caseNumber\":\"" + caseNumber + "\",\"incidentType\":\"VEHICLE_BREAK_IN\",\"windowStart\":\""
                + end.minus(2, ChronoUnit.HOURS) + "\",\"windowEnd\":\"" + end + "\",\"area\":{\"type\":\"circle\","
                + "\"center\":{\"latitude\":" + LAT + ",\"longitude\":" + LON + "},\"radiusMeters\":200},\"message\":\""
                + message.replace("\"", "\\\"") + "\"}";
        Http.Response created = http.postJson("/api/agencies/KCPD/requests", json, officer);
        assertEquals(created.body(), 201, created.status());
        String id = created.json().path("id").asText();
        Http.Response submitted = http.send("POST", "/api/agencies/KCPD/requests/" + id + "/submit", null, null, officer);
        assertEquals(submitted.body(), "ACTIVE", submitted.json().path("state").asText());
        return id;
    }
}
