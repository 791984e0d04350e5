package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

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
 * The legal pages of the portal over HTTP: staff record a legal demand through the form (bad input
 * gives the form again with the message next to the field, text is escaped) and move it on (an
 * illegal change is refused with the current status named); emergency requests recorded late are
 * marked overdue, the supervisors' dashboard card stands out, and only another supervisor reviews;
 * another agency's staff get 404 and residents 403.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LegalPagesIT extends PorchlightTestSupport {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    private static final String AGENCY = "LP" + RUN;
    private static final String OTHER = "LQ" + RUN;
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    private String domain;
    private String[] officerApi;

    @Before
    public void people() {
        String[] admin = asAdmin();
        for (String code : List.of(AGENCY, OTHER)) {
            http.postJson("/api/agencies", LegalIT.agency(code), admin);
        }
        domain = RUN.toLowerCase(Locale.ROOT) + ".legal-pages.example";
        officerApi = staffSession(AGENCY, "officer@" + domain, "OFFICER", admin);
        staffSession(AGENCY, "supervisor@" + domain, "SUPERVISOR", admin);
        staffSession(AGENCY, "sergeant@" + domain, "SUPERVISOR", admin);
        staffSession(OTHER, "officer@other-" + domain, "OFFICER", admin);
        residentSession("resident@" + domain);
    }

    @Test
    public void anOfficerRecordsADemandThroughTheFormAndMovesItOn() {
        PortalSession officer = signedIn("officer@" + domain, PEOPLE_PASSWORD);
        PortalSession.assertPortalPage(200, page(officer, "/legal"));
        Http.Response form = page(officer, "/legal/demands/new");
        PortalSession.assertPortalPage(200, form);
        String token = PortalSession.formToken(form);

        Map<String, String> fields = new HashMap<>(Map.of("csrf", token, "kind", "WARRANT", "caseNumber", "", "documentReference",
                "Docket 26-CR-77", "vendor", "Acme Doorbells", "scope", "<script>alert(1)</script> Main St, 14:00-15:00",
                "footageFrom", "2026-10-01T08:00", "footageTo", "2026-10-01T09:00"));
        Http.Response bad = submit(officer, "/legal/demands/new", fields);
        PortalSession.assertPortalPage(400, bad);
        assertTrue(bad.body(), bad.body().contains("id=\"caseNumber-error\"") && bad.body().contains("value=\"Docket 26-CR-77\""));
        assertFalse(bad.body().contains("<script>alert(1)</script>"));

        LocalDate today = LocalDate.now(CHICAGO);
        fields.put("caseNumber", "LP-" + RUN);
        fields.put("issuedOn", today.minusDays(1).toString());
        fields.put("servedOn", today.toString());
        Http.Response created = submit(officer, "/legal/demands/new", fields);
        assertEquals(created.toString(), 303, created.status());
        String location = created.header("Location").orElseThrow();
        assertTrue(location, location.startsWith("/legal/demands/"));
        String id = location.substring("/legal/demands/".length());

        JsonNode demand = http.get(LegalIT.demands(AGENCY) + "/" + id, officerApi).json();
        assertEquals("SERVED", demand.path("status").asText());
        assertEquals("the agency's time", "2026-10-01T13:00:00Z", demand.path("footageFrom").asText());
        assertEquals("<script>alert(1)</script> Main St, 14:00-15:00", demand.path("scope").asText());

        Http.Response detail = page(officer, location);
        PortalSession.assertPortalPage(200, detail);
        assertTrue(detail.body(), detail.body().contains("&lt;script&gt;alert(1)&lt;/script&gt; Main St"));
        assertFalse(detail.body().contains("<script>alert(1)</script>"));
        assertTrue(page(officer, "/legal").body().contains("href=\"/legal/demands/" + id + "\""));

        Http.Response fulfilled = submit(officer, location + "/status", Map.of("csrf", PortalSession.formToken(detail),
                "status", "FULFILLED", "note", "all footage delivered"));
        assertEquals(fulfilled.toString(), 303, fulfilled.status());
        assertEquals("FULFILLED", http.get(LegalIT.demands(AGENCY) + "/" + id, officerApi).json().path("status").asText());

        Http.Response again = submit(officer, location + "/status", Map.of("csrf", officer.csrf, "status", "SERVED"));
        PortalSession.assertPortalPage(409, again);
        assertTrue(again.body(), again.body().contains("The legal demand is FULFILLED"));
    }

    @Test
    public void anotherAgencysStaffGet404AndResidentsAndVisitorsAreKeptOut() {
        String demand = http.postJson(LegalIT.demands(AGENCY), LegalIT.demand("SUBPOENA", null, null), officerApi).json().path("id").asText();
        String emergency = http.postJson(LegalIT.emergencies(AGENCY), LegalIT.emergency(LegalIT.JUSTIFICATION, null), officerApi).json()
                .path("id").asText();

        PortalSession other = signedIn("officer@other-" + domain, PEOPLE_PASSWORD);
        Http.Response list = page(other, "/legal");
        PortalSession.assertPortalPage(200, list);
        assertFalse(list.body().contains(demand) || list.body().contains(emergency));
        PortalSession.assertPortalPage(404, page(other, "/legal/demands/" + demand));
        PortalSession.assertPortalPage(404, page(other, "/legal/emergencies/" + emergency));
        PortalSession.assertPortalPage(404, submit(other, "/legal/demands/" + demand + "/status",
                Map.of("csrf", PortalSession.formToken(page(other, "/legal/demands/new")), "status", "WITHDRAWN")));
        assertEquals("DRAFT", http.get(LegalIT.demands(AGENCY) + "/" + demand, officerApi).json().path("status").asText());

        PortalSession resident = signedIn("resident@" + domain, PEOPLE_PASSWORD);
        PortalSession.assertPortalPage(403, page(resident, "/legal"));
        PortalSession.assertPortalPage(403, page(resident, "/legal/demands/" + demand));
        Http.Response visitor = page(new PortalSession(), "/legal/demands/" + demand);
        assertEquals(303, visitor.status());
        assertEquals("/sign-in", visitor.header("Location").orElse(""));
    }

    @Test
    public void anEmergencyRequestRecordedLateIsOverdueOnTheCardAndAnotherSupervisorReviewsIt() {
        PortalSession officer = signedIn("officer@" + domain, PEOPLE_PASSWORD);
        String token = PortalSession.formToken(page(officer, "/legal/emergencies/new"));
        String requestedAt = LocalDateTime.now(CHICAGO).minusHours(30).truncatedTo(ChronoUnit.MINUTES).toString();
        Map<String, String> fields = new HashMap<>(Map.of("csrf", token, "vendor", "Acme Doorbells", "scope", "Cameras on the 1400 block",
                "justification", "Too short.", "footageFrom", "2026-10-01T08:00", "footageTo", "2026-10-01T09:00",
                "requestedAt", requestedAt));
        Http.Response bad = submit(officer, "/legal/emergencies/new", fields);
        PortalSession.assertPortalPage(400, bad);
        assertTrue(bad.body(), bad.body().contains("id=\"justification-error\""));

        fields.put("justification", LegalIT.JUSTIFICATION);
        Http.Response created = submit(officer, "/legal/emergencies/new", fields);
        assertEquals(created.toString(), 303, created.status());
        String location = created.header("Location").orElseThrow();
        String id = location.substring("/legal/emergencies/".length());
        JsonNode recorded = http.get(LegalIT.emergencies(AGENCY) + "/" + id, officerApi).json();
        assertTrue(recorded.toString(), recorded.path("reviewOverdue").asBoolean());

        Http.Response detail = page(officer, location);
        PortalSession.assertPortalPage(200, detail);
        assertTrue(detail.body(), detail.body().contains("id=\"review-overdue\""));
        assertFalse("only supervisors review", detail.body().contains("/review\""));
        assertTrue(page(officer, "/legal").body().contains("Review overdue"));
        PortalSession.assertPortalPage(403, submit(officer, location + "/review", Map.of("csrf", officer.csrf, "verdict", "JUSTIFIED")));

        PortalSession supervisor = signedIn("supervisor@" + domain, PEOPLE_PASSWORD);
        Http.Response dashboard = page(supervisor, "/dashboard");
        PortalSession.assertPortalPage(200, dashboard);
        assertTrue(dashboard.body(), dashboard.body().contains("<li class=\"card urgent\">")
                && dashboard.body().contains("Overdue legal reviews"));
        assertFalse("officers do not review", page(officer, "/dashboard").body().contains("Overdue legal reviews"));

        Http.Response review = page(supervisor, location);
        assertTrue(review.body(), review.body().contains("action=\"" + location + "/review\""));
        Http.Response noNote = submit(supervisor, location + "/review", Map.of("csrf", PortalSession.formToken(review),
                "verdict", "NOT_JUSTIFIED", "note", ""));
        PortalSession.assertPortalPage(400, noNote);
        assertTrue(noNote.body(), noNote.body().contains("id=\"note-error\""));
        Http.Response reviewed = submit(supervisor, location + "/review", Map.of("csrf", supervisor.csrf, "verdict", "JUSTIFIED",
                "note", "A child's life was at stake."));
        assertEquals(reviewed.toString(), 303, reviewed.status());
        JsonNode after = http.get(LegalIT.emergencies(AGENCY) + "/" + id, officerApi).json();
        assertEquals("JUSTIFIED", after.path("review").path("verdict").asText());
        assertTrue(after.path("review").path("late").asBoolean());
        PortalSession.assertPortalPage(409, submit(supervisor, location + "/review", Map.of("csrf", supervisor.csrf, "verdict",
                "JUSTIFIED")));
        assertTrue(page(supervisor, location).body().contains("A child&#39;s life was at stake."));

        // A supervisor's own request is another supervisor's to review.
        PortalSession sergeant = signedIn("sergeant@" + domain, PEOPLE_PASSWORD);
        Http.Response mine = submit(sergeant, "/legal/emergencies/new", Map.of("csrf", PortalSession.formToken(page(sergeant,
                "/legal/emergencies/new")), "vendor", "Acme Doorbells", "scope", "Cameras on the 1400 block", "justification",
                LegalIT.JUSTIFICATION, "footageFrom", "2026-10-01T08:00", "footageTo", "2026-10-01T09:00"));
        assertEquals(mine.toString(), 303, mine.status());
        String mineAt = mine.header("Location").orElseThrow();
        assertFalse(page(sergeant, mineAt).body().contains("/review\""));
        PortalSession.assertPortalPage(403, submit(sergeant, mineAt + "/review", Map.of("csrf", sergeant.csrf, "verdict", "JUSTIFIED")));
    }
}
