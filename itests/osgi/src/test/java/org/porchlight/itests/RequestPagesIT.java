package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;
import static org.porchlight.itests.support.PortalSession.formToken;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

/**
 * The agency staff's footage-request pages over real HTTP: drafting with the policy's refusal next
 * to the fields and then success, live policy feedback, approval by another supervisor, witness
 * links, the dashboard's cards, another agency's staff kept out, and officers' text escaped.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RequestPagesIT extends PorchlightTestSupport {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Pattern REQUEST = Pattern.compile("^/requests/([0-9a-f-]{36})$");
    /** About 0.1 square miles near the agencies' middle: no approval needed. */
    private static final String SMALL = "39.0997, -94.5786\n39.1042, -94.5786\n39.1042, -94.5728\n39.0997, -94.5728\n";
    /** About 0.31 square miles: a supervisor approves. */
    private static final String LARGE = "39.0997, -94.5786\n39.1078, -94.5786\n39.1078, -94.5682\n39.0997, -94.5682\n";

    private String agency;
    private String run;
    private String[] officerApi;
    private PortalSession officer;
    private PortalSession sergeant;
    private PortalSession stranger;

    @Before
    public void people() {
        run = UUID.randomUUID().toString().substring(0, 6);
        agency = "RQ" + run.toUpperCase().replaceAll("[^A-Z0-9]", "X");
        String[] admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(agency), admin).status());
        http.postJson("/api/agencies", IdentityIT.agency("RQOTHER"), admin);
        officerApi = staffSession(agency, "officer-" + run + "@rq.example", "OFFICER", admin);
        staffSession(agency, "sergeant-" + run + "@rq.example", "SUPERVISOR", admin);
        staffSession("RQOTHER", "deputy-" + run + "@rq.example", "OFFICER", admin);
        officer = signedIn("officer-" + run + "@rq.example", PEOPLE_PASSWORD);
        sergeant = signedIn("sergeant-" + run + "@rq.example", PEOPLE_PASSWORD);
        stranger = signedIn("deputy-" + run + "@rq.example", PEOPLE_PASSWORD);
    }

    @Test
    public void anOfficerSeesTheRefusalNextToTheFieldsThenDraftsAndSubmits() {
        Http.Response list = page(officer, "/requests");
        assertPortalPage(200, list);
        assertTrue(list.body(), list.body().contains("href=\"/requests/new\""));
        Http.Response blank = page(officer, "/requests/new");
        assertPortalPage(200, blank);
        assertTrue(blank.body(), blank.body().contains("<label for=\"area\">") && blank.body().contains("data-map="));
        String token = formToken(blank);

        // Live feedback (htmx): a fragment, nothing saved.
        Map<String, String> form = form("2026-" + run, "BURGLARY", SMALL, "Any footage of the street helps.", false);
        form.put("csrf", token);
        Http.Response live = submit(officer, "/requests/check", form);
        assertEquals(live.body(), 200, live.status());
        assertFalse("a fragment, not a page", live.body().contains("<html"));
        assertTrue(live.body(), live.body().contains("Window too long") && live.body().contains("href=\"#windowEnd\""));

        // Refused on save: 422, the form again with the rule next to its field and what was typed.
        Http.Response refused = submit(officer, "/requests/new", form);
        assertPortalPage(422, refused);
        assertTrue(refused.body(), refused.body().contains("id=\"windowEnd-error\"") && refused.body().contains("Window too long"));
        assertTrue(refused.body(), refused.body().contains("Any footage of the street helps."));
        assertEquals("nothing saved", 0, http.get("/api/agencies/" + agency + "/requests", officerApi).json().size());

        // A form with the wrong shape: said next to the field, before the policy.
        Map<String, String> noArea = new HashMap<>(form);
        noArea.put("area", "39.1, -94.5");
        Http.Response badArea = submit(officer, "/requests/new", noArea);
        assertPortalPage(422, badArea);
        assertTrue(badArea.body(), badArea.body().contains("id=\"area-error\""));

        // Fixed: within the policy; saved, then submitted straight to the owners (small area).
        form = form("2026-" + run, "BURGLARY", SMALL, "Any footage of the street helps.", true);
        form.put("csrf", token);
        Http.Response within = submit(officer, "/requests/check", form);
        assertTrue(within.body(), within.body().contains("Within the agency"));
        String id = created(submit(officer, "/requests/new", form));
        Http.Response detail = page(officer, "/requests/" + id);
        assertPortalPage(200, detail);
        assertTrue(detail.body(), detail.body().contains("2026-" + run) && detail.body().contains("Draft"));
        // The window in the agency's time zone: the local hour typed, with Chicago's zone name.
        String start = LocalDateTime.now(CHICAGO).minusHours(26).truncatedTo(ChronoUnit.HOURS).toLocalTime().toString();
        assertTrue(detail.body(), detail.body().contains("CST") || detail.body().contains("CDT"));
        assertTrue(start + " in " + detail.body(), detail.body().contains(hour12(start)));
        assertTrue(detail.body(), detail.body().contains("Submit and ask the owners"));

        assertEquals(303, submit(officer, "/requests/" + id + "/submit", Map.of("csrf", token)).status());
        assertEquals("ACTIVE", http.get("/api/agencies/" + agency + "/requests/" + id, officerApi).json().path("request").path("state").asText());
        Http.Response active = page(officer, "/requests/" + id);
        assertTrue(active.body(), active.body().contains("href=\"/evidence/requests/" + id + "\""));
        Http.Response illegal = submit(officer, "/requests/" + id + "/submit", Map.of("csrf", token));
        assertPortalPage(409, illegal);
        assertTrue(illegal.body(), illegal.body().contains("ACTIVE"));
        assertTrue("the officer's card", page(officer, "/dashboard").body().contains("Your active requests"));

        // A witness link for the case: shown once, listed, revoked.
        Http.Response link = submit(officer, "/requests/" + id + "/links", Map.of("csrf", token, "expiresInDays", "3", "maxFiles", ""));
        assertPortalPage(200, link);
        Matcher path = Pattern.compile("/witness/([A-Za-z0-9_-]{20,})").matcher(link.body());
        assertTrue(link.body(), path.find());
        assertEquals(200, http.get(path.group()).status());
        Http.Response links = page(officer, "/requests/" + id);
        Matcher revoke = Pattern.compile("action=\"(/requests/" + id + "/links/[0-9a-f-]{36}/revoke)\"").matcher(links.body());
        assertTrue(links.body(), revoke.find());
        assertFalse("the token is never shown again", links.body().contains(path.group(1)));
        assertEquals(303, submit(officer, revoke.group(1), Map.of("csrf", token)).status());
        assertTrue(page(officer, "/requests/" + id).body().contains("Revoked"));
        assertEquals(410, http.get(path.group()).status());

        assertEquals(303, submit(officer, "/requests/" + id + "/close", Map.of("csrf", token)).status());
        assertTrue(page(officer, "/requests").body().contains("Closed"));
    }

    @Test
    public void aLargeRequestWaitsForASupervisorWhoApprovesItWithAReasonToRejectRequired() {
        String token = formToken(page(officer, "/requests/new"));
        Map<String, String> form = form("2026-" + run + "-L", "ROBBERY", LARGE, "Footage of a red car helps.", true);
        form.put("csrf", token);
        Http.Response live = submit(officer, "/requests/check", form);
        assertTrue(live.body(), live.body().contains("A supervisor must approve"));
        String id = created(submit(officer, "/requests/new", form));
        assertTrue(page(officer, "/requests/" + id).body().contains("Submit for approval"));
        assertEquals(303, submit(officer, "/requests/" + id + "/submit", Map.of("csrf", token)).status());
        assertEquals("PENDING_APPROVAL", state(id));

        assertPortalPage(403, submit(officer, "/requests/" + id + "/approve", Map.of("csrf", token)));
        Http.Response dashboard = page(sergeant, "/dashboard");
        assertTrue(dashboard.body(), dashboard.body().contains("Waiting for your approval"));
        Http.Response pending = page(sergeant, "/requests/" + id);
        assertTrue(pending.body(), pending.body().contains("id=\"approve-request\"") && pending.body().contains("square miles"));
        String sergeantToken = formToken(pending);
        Http.Response noReason = submit(sergeant, "/requests/" + id + "/reject", Map.of("csrf", sergeantToken, "reason", "  "));
        assertPortalPage(422, noReason);
        assertTrue(noReason.body(), noReason.body().contains("id=\"reason-error\""));
        assertEquals("PENDING_APPROVAL", state(id));

        assertEquals(303, submit(sergeant, "/requests/" + id + "/reject", Map.of("csrf", sergeantToken, "reason", "Narrow it to the block."))
                .status());
        assertEquals("DRAFT", state(id));
        assertTrue(page(officer, "/requests/" + id).body().contains("Narrow it to the block."));
        // Changed through the form (still large), submitted again, approved.
        Http.Response edit = page(officer, "/requests/" + id + "/edit");
        assertPortalPage(200, edit);
        assertTrue(edit.body(), edit.body().contains("Footage of a red car helps."));
        form.put("message", "Footage of a red car on the block helps.");
        assertEquals(303, submit(officer, "/requests/" + id + "/edit", form).status());
        assertEquals(303, submit(officer, "/requests/" + id + "/submit", Map.of("csrf", token)).status());
        assertEquals(303, submit(sergeant, "/requests/" + id + "/approve", Map.of("csrf", sergeantToken, "note", "Fine.")).status());
        assertEquals("ACTIVE", state(id));
        Http.Response approved = page(sergeant, "/requests/" + id);
        assertTrue(approved.body(), approved.body().contains("Approved") && approved.body().contains("Sent to owners"));
    }

    @Test
    public void anotherAgencysStaffResidentsAndAdminsAreKeptOut() {
        String token = formToken(page(officer, "/requests/new"));
        Map<String, String> form = form("2026-" + run + "-X", "THEFT", SMALL, "Any footage helps.", true);
        form.put("csrf", token);
        String id = created(submit(officer, "/requests/new", form));

        assertPortalPage(404, page(stranger, "/requests/" + id));
        String strangerToken = formToken(page(stranger, "/requests"));
        assertPortalPage(404, submit(stranger, "/requests/" + id + "/withdraw", Map.of("csrf", strangerToken)));
        assertPortalPage(404, page(stranger, "/requests/" + id + "/edit"));
        assertFalse(page(stranger, "/requests").body().contains("2026-" + run + "-X"));
        assertEquals("DRAFT", state(id));
        assertPortalPage(404, page(officer, "/requests/not-a-request"));

        String resident = "rq-" + run + "@resident.example";
        residentSession(resident);
        assertPortalPage(403, page(signedIn(resident, PEOPLE_PASSWORD), "/requests"));
        staffSession(agency, "admin-" + run + "@rq.example", "AGENCY_ADMIN", asAdmin());
        PortalSession agencyAdmin = signedIn("admin-" + run + "@rq.example", PEOPLE_PASSWORD);
        assertPortalPage(200, page(agencyAdmin, "/requests/" + id));
        assertPortalPage(403, page(agencyAdmin, "/requests/new"));
    }

    @Test
    public void whatOfficersTypeIsEscaped() {
        String token = formToken(page(officer, "/requests/new"));
        String hostile = "<img src=x onerror=alert(1)> \"a\" & <script>alert(2)</script>";
        Map<String, String> form = form("2026-" + run + "-E", "OTHER_OFFENCE", SMALL, hostile, true);
        form.put("incidentDetail", "<b>fraud</b>");
        form.put("csrf", token);
        String id = created(submit(officer, "/requests/new", form));
        Http.Response detail = page(officer, "/requests/" + id);
        assertPortalPage(200, detail);
        assertFalse(detail.body(), detail.body().contains("<img src=x") || detail.body().contains("<script>alert") || detail.body()
                .contains("<b>fraud"));
        assertTrue(detail.body(), detail.body().contains("&lt;img src=x onerror=alert(1)&gt;") && detail.body().contains("&lt;b&gt;fraud"));

        form.put("windowStart", "not a time");
        Http.Response again = submit(officer, "/requests/new", form);
        assertPortalPage(422, again);
        assertFalse(again.body(), again.body().contains("<img src=x") || again.body().contains("<script>alert"));
        assertTrue(again.body(), again.body().contains("&lt;script&gt;alert(2)&lt;/script&gt;"));
    }

    // ---- helpers

    /**
     * The form's fields. Within the policy: a two-hour window that started 26 hours ago; otherwise 20 hours
     * ending an hour ago (too long). Times as a datetime-local input holds them, in Chicago.
     */
    private static Map<String, String> form(String caseNumber, String type, String area, String message, boolean withinPolicy) {
        LocalDateTime hour = LocalDateTime.now(CHICAGO).truncatedTo(ChronoUnit.HOURS);
        LocalDateTime start = withinPolicy ? hour.minusHours(26) : hour.minusHours(21);
        LocalDateTime end = withinPolicy ? start.plusHours(2) : hour.minusHours(1);
        Map<String, String> form = new HashMap<>();
        form.put("caseNumber", caseNumber);
        form.put("incidentType", type);
        form.put("incidentDetail", "");
        form.put("windowStart", start.toString());
        form.put("windowEnd", end.toString());
        form.put("area", area);
        form.put("message", message);
        form.put("expiresAt", "");
        return form;
    }

    private static String hour12(String localTime) {
        int hour = Integer.parseInt(localTime.substring(0, 2));
        return (hour % 12 == 0 ? 12 : hour % 12) + ":00";
    }

    private static String created(Http.Response r) {
        assertEquals(r.toString() + r.body(), 303, r.status());
        Matcher m = REQUEST.matcher(r.header("Location").orElse(""));
        assertTrue(r.header("Location").orElse(""), m.matches());
        return m.group(1);
    }

    private String state(String id) {
        return http.get("/api/agencies/" + agency + "/requests/" + id, officerApi).json().path("request").path("state").asText();
    }
}
