package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Legal demands and emergency requests over HTTP: the demand's state machine with 409 naming the
 * current status, validation problems, tenant isolation, the supervisor review (others 403, own
 * request refused, once only), and overdue reviews flagged, counted and notified once.
 *
 * <p>Notifications are checked in the notifications bundle's outbox, where the legal bundle
 * enqueues them. Agency codes are new for each run, so the class runs unchanged on a PostgreSQL
 * database that keeps earlier runs' rows.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LegalIT extends PorchlightTestSupport {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    static final String AGENCY = "LG" + RUN;
    static final String OTHER = "LO" + RUN;
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago"); // agency()'s time zone
    static final String JUSTIFICATION = "A child was reported abducted on the 1400 block; the suspect's car passed the "
            + "vendor's cameras minutes ago and every minute counts.";

    private String[] officer;
    private String[] supervisor;
    private String[] secondSupervisor;
    private String[] agencyAdmin;
    private String[] otherOfficer;
    private String[] resident;

    @Before
    public void people() {
        String[] admin = asAdmin();
        for (String code : List.of(AGENCY, OTHER)) {
            http.postJson("/api/agencies", agency(code), admin);
        }
        String domain = RUN.toLowerCase(Locale.ROOT) + ".legal.example";
        officer = staffSession(AGENCY, "officer@" + domain, "OFFICER", admin);
        supervisor = staffSession(AGENCY, "supervisor@" + domain, "SUPERVISOR", admin);
        secondSupervisor = staffSession(AGENCY, "sergeant@" + domain, "SUPERVISOR", admin);
        agencyAdmin = staffSession(AGENCY, "admin@" + domain, "AGENCY_ADMIN", admin);
        otherOfficer = staffSession(OTHER, "officer@other-" + domain, "OFFICER", admin);
        resident = residentSession("resident@" + domain);
    }

    @Test
    public void aDemandMovesThroughItsStatesAndAnIllegalChangeIs409NamingTheCurrentStatus() {
        Http.Response created = http.postJson(demands(AGENCY), demand("WARRANT", null, null), officer);
        assertEquals(created.body(), 201, created.status());
        assertTrue(created.header("Location").orElseThrow().endsWith("/api/agencies/" + AGENCY + "/legal-demands/"
                + created.json().path("id").asText()));
        JsonNode draft = created.json();
        assertEquals("DRAFT", draft.path("status").asText());
        String id = draft.path("id").asText();

        LocalDate today = LocalDate.now(CHICAGO);
        Http.Response served = status(id, "{\"status\":\"SERVED\",\"issuedOn\":\"" + today.minusDays(1) + "\",\"on\":\"" + today + "\"}", officer);
        assertEquals(served.body(), 200, served.status());
        assertEquals(today.toString(), served.json().path("servedOn").asText());
        Http.Response fulfilled = status(id, "{\"status\":\"FULFILLED\",\"note\":\"all footage delivered\"}", supervisor);
        assertEquals(fulfilled.body(), 200, fulfilled.status());

        Http.Response again = status(id, "{\"status\":\"SERVED\"}", officer);
        assertEquals(again.body(), 409, again.status());
        assertEquals("application/problem+json", again.header("Content-Type").orElseThrow());
        assertEquals("urn:porchlight:problem:illegal-transition", again.json().path("type").asText());
        assertTrue(again.json().path("detail").asText(), again.json().path("detail").asText().contains("FULFILLED"));

        JsonNode read = http.get(demands(AGENCY) + "/" + id, agencyAdmin).json();
        assertEquals("FULFILLED", read.path("status").asText());
        assertEquals(3, read.path("changes").size());
        assertEquals("all footage delivered", read.path("changes").path(2).path("note").asText());
        assertEquals("reads are audited: scopes name people", 1, rows("SELECT COUNT(*) FROM audit.entry WHERE action = "
                + "'GET /agencies/{agency}/legal-demands/{id}' AND target LIKE '%" + id + "%'"));
        assertEquals(409, http.send("PUT", demands(AGENCY) + "/" + id, "application/json", demand("SUBPOENA", null, null), officer).status());

        JsonNode fulfilledList = http.get(demands(AGENCY) + "?status=FULFILLED&kind=WARRANT", officer).json();
        assertTrue(fulfilledList.toString(), fulfilledList.findValuesAsText("id").contains(id));
        assertEquals(400, http.get(demands(AGENCY) + "?status=LOST", officer).status());
    }

    @Test
    public void badInputIsA400ProblemNamingTheFieldAndRecordsNothing() {
        long before = rows("SELECT COUNT(*) FROM legal.legal_demand WHERE agency_code = '" + AGENCY + "'");
        Http.Response noKind = http.postJson(demands(AGENCY), demand("WARRANT", null, null).replace("\"kind\":\"WARRANT\",", ""), officer);
        assertEquals(noKind.body(), 400, noKind.status());
        assertEquals("kind", noKind.json().path("errors").path(0).path("field").asText());

        Http.Response longScope = http.postJson(demands(AGENCY),
                demand("WARRANT", null, null).replace("\"scope\":\"Main St, 14:00-15:00\"", "\"scope\":\"" + "x".repeat(2001) + "\""), officer);
        assertEquals(400, longScope.status());
        assertEquals("scope", longScope.json().path("errors").path(0).path("field").asText());

        Http.Response backwards = http.postJson(demands(AGENCY), demand("WARRANT", null, null)
                .replace("\"footageTo\":\"2026-11-01T15:00:00Z\"", "\"footageTo\":\"2026-10-01T15:00:00Z\""), officer);
        assertEquals(400, backwards.status());
        assertEquals("footageTo", backwards.json().path("errors").path(0).path("field").asText());

        Http.Response servedNotIssued = http.postJson(demands(AGENCY), demand("WARRANT", null, LocalDate.now(CHICAGO)), officer);
        assertEquals(400, servedNotIssued.status());
        assertEquals("issuedOn", servedNotIssued.json().path("errors").path(0).path("field").asText());

        Http.Response shortJustification = http.postJson(emergencies(AGENCY), emergency("Please, it is urgent.", null), officer);
        assertEquals(400, shortJustification.status());
        assertEquals("justification", shortJustification.json().path("errors").path(0).path("field").asText());
        assertEquals(before, rows("SELECT COUNT(*) FROM legal.legal_demand WHERE agency_code = '" + AGENCY + "'"));
    }

    @Test
    public void anotherAgencysRecordsAre404AndResidentsAndStrangersAreKeptOut() {
        String demand = http.postJson(demands(AGENCY), demand("SUBPOENA", null, null), officer).json().path("id").asText();
        String emergency = http.postJson(emergencies(AGENCY), emergency(JUSTIFICATION, null), officer).json().path("id").asText();

        assertEquals(404, http.get(demands(AGENCY) + "/" + demand, otherOfficer).status());
        assertEquals(404, http.get(demands(AGENCY), otherOfficer).status());
        assertEquals(404, http.get(demands(OTHER) + "/" + demand, otherOfficer).status());
        assertEquals(404, status(demand, OTHER, "{\"status\":\"WITHDRAWN\"}", otherOfficer).status());
        assertEquals(404, http.get(emergencies(OTHER) + "/" + emergency, otherOfficer).status());
        assertEquals(404, http.get(emergencies(AGENCY) + "/overdue", otherOfficer).status());
        assertEquals(403, http.get(demands(AGENCY), resident).status());
        assertEquals(401, http.get(demands(AGENCY)).status());
        assertEquals(401, http.get(emergencies(AGENCY)).status());
        assertEquals("DRAFT", http.get(demands(AGENCY) + "/" + demand, officer).json().path("status").asText());
    }

    @Test
    public void onlyASupervisorWhoDidNotMakeAnEmergencyRequestReviewsItAndOnlyOnce() {
        Http.Response created = http.postJson(emergencies(AGENCY), emergency(JUSTIFICATION, null), officer);
        assertEquals(created.body(), 201, created.status());
        String id = created.json().path("id").asText();
        assertEquals(http.get("/api/me", officer).json().path("id").asText(), created.json().path("requestedBy").asText());
        assertFalse(created.json().path("reviewOverdue").asBoolean());

        assertEquals("an officer may not review", 403, review(id, "{\"verdict\":\"JUSTIFIED\"}", officer).status());
        assertEquals("nor an agency admin", 403, review(id, "{\"verdict\":\"JUSTIFIED\"}", agencyAdmin).status());
        Http.Response noNote = review(id, "{\"verdict\":\"NOT_JUSTIFIED\"}", supervisor);
        assertEquals(400, noNote.status());
        assertEquals("note", noNote.json().path("errors").path(0).path("field").asText());

        Http.Response reviewed = review(id, "{\"verdict\":\"NOT_JUSTIFIED\",\"note\":\"No imminent danger; a warrant was possible.\"}", supervisor);
        assertEquals(reviewed.body(), 200, reviewed.status());
        assertEquals("NOT_JUSTIFIED", reviewed.json().path("review").path("verdict").asText());
        assertFalse(reviewed.json().path("review").path("late").asBoolean());
        Http.Response twice = review(id, "{\"verdict\":\"JUSTIFIED\"}", secondSupervisor);
        assertEquals(409, twice.status());
        assertEquals("urn:porchlight:problem:already-reviewed", twice.json().path("type").asText());

        String own = http.postJson(emergencies(AGENCY), emergency(JUSTIFICATION, null), supervisor).json().path("id").asText();
        Http.Response self = review(own, "{\"verdict\":\"JUSTIFIED\"}", supervisor);
        assertEquals(self.body(), 403, self.status());
        assertEquals("urn:porchlight:problem:self-review", self.json().path("type").asText());
        assertEquals(200, review(own, "{\"verdict\":\"JUSTIFIED\"}", secondSupervisor).status());
    }

    @Test
    public void aReviewNotGivenWithin24HoursIsFlaggedCountedAndTheAgencyToldOnce() throws Exception {
        long overdueBefore = http.get(emergencies(AGENCY) + "/overdue", supervisor).json().path("count").asLong();
        // Made 25 hours ago, recorded now: recording late buys no time.
        Http.Response created = http.postJson(emergencies(AGENCY),
                emergency(JUSTIFICATION, Instant.now().minus(25, ChronoUnit.HOURS).toString()), officer);
        assertEquals(created.body(), 201, created.status());
        String id = created.json().path("id").asText();
        assertTrue(created.json().path("reviewOverdue").asBoolean());
        Enqueued needed = awaitNotification(id, "emergency-request.review-needed");
        assertEquals("agency:" + AGENCY, needed.recipient());

        JsonNode overdue = http.get(emergencies(AGENCY) + "?overdue=true", supervisor).json();
        assertTrue(overdue.toString(), overdue.findValuesAsText("id").contains(id));
        JsonNode count = http.get(emergencies(AGENCY) + "/overdue", officer).json();
        assertEquals(overdueBefore + 1, count.path("count").asLong());
        assertEquals(24, count.path("reviewHours").asInt());

        restartOverdueReviews(); // it looks two seconds after it starts
        Enqueued told = awaitNotification(id, "emergency-request.review-overdue");
        assertEquals("agency:" + AGENCY, told.recipient());
        assertFalse("no justification in a notice", told.text().contains("abducted"));
        // The audit entry follows the commit.
        awaitRows("SELECT COUNT(*) FROM audit.entry WHERE action = 'emergency-request.review-overdue' AND target LIKE '%" + id + "%'", 1);

        // A second overdue request shows the next look ran; a repeat of the first would come before it (oldest first).
        String second = http.postJson(emergencies(AGENCY), emergency(JUSTIFICATION, Instant.now().minus(24, ChronoUnit.HOURS)
                .minusSeconds(60).toString()), officer).json().path("id").asText();
        restartOverdueReviews();
        awaitNotification(second, "emergency-request.review-overdue");
        assertEquals("told once", 1, rows("SELECT COUNT(*) FROM notify.notification WHERE topic = 'emergency-request.review-overdue' "
                + "AND data_json LIKE '%" + id + "%' AND recipient LIKE 'agency:%'"));
        assertEquals(1, rows("SELECT COUNT(*) FROM audit.entry WHERE action = 'emergency-request.review-overdue' AND target LIKE '%" + id + "%'"));

        JsonNode late = review(id, "{\"verdict\":\"JUSTIFIED\"}", supervisor).json();
        assertTrue(late.path("review").path("late").asBoolean());
        assertFalse(late.path("reviewOverdue").asBoolean());
        assertEquals("the second is still waiting", overdueBefore + 1,
                http.get(emergencies(AGENCY) + "/overdue", supervisor).json().path("count").asLong());
        assertEquals(200, review(second, "{\"verdict\":\"JUSTIFIED\"}", supervisor).status());
        assertEquals(overdueBefore, http.get(emergencies(AGENCY) + "/overdue", supervisor).json().path("count").asLong());
    }

    /** A notification to the agency as the outbox holds it (its supervisors' copies are the notifications bundle's). */
    private record Enqueued(String recipient, String text) {
    }

    private Enqueued awaitNotification(String id, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (java.sql.Connection c = primaryDataSource().getConnection(); java.sql.PreparedStatement s = c.prepareStatement(
                    "SELECT recipient, body FROM notify.notification WHERE topic = ? AND data_json LIKE ? "
                            + "AND recipient LIKE 'agency:%'")) {
                s.setString(1, topic);
                s.setString(2, "%" + id + "%");
                try (java.sql.ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return new Enqueued(rs.getString(1), rs.getString(2));
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + topic + " notification for " + id);
    }

    private void awaitRows(String sql, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (rows(sql) != expected) {
            assertTrue("expected " + expected + " of " + sql + ", found " + rows(sql), System.nanoTime() < deadline);
            Thread.sleep(100);
        }
    }

    private void restartOverdueReviews() throws Exception {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class, null);
        ComponentDescriptionDTO component = scr.getComponentDescriptionDTO(bundle("org.porchlight.legal"),
                "org.porchlight.legal.OverdueReviews");
        assertNotNull(component);
        scr.disableComponent(component).getValue();
        scr.enableComponent(component).getValue();
    }

    private Http.Response status(String id, String body, String[] who) {
        return status(id, AGENCY, body, who);
    }

    private Http.Response status(String id, String agency, String body, String[] who) {
        return http.postJson(demands(agency) + "/" + id + "/status", body, who);
    }

    private Http.Response review(String id, String body, String[] who) {
        return http.postJson(emergencies(AGENCY) + "/" + id + "/review", body, who);
    }

    /**
     * An agency in Chicago's time zone whose jurisdiction lies in the South Atlantic: on the shared
     * PostgreSQL database it stays after the run, and a Kansas City jurisdiction (IdentityIT.agency)
     * would join the agencies that the registry tests' cameras reach by default.
     */
    static String agency(String code) {
        return "{\"code\":\"" + code + "\",\"name\":\"" + code + " Police\",\"timeZone\":\"America/Chicago\","
                + "\"contactEmail\":\"records@" + code.toLowerCase(Locale.ROOT) + ".example\",\"jurisdiction\":{\"type\":\"circle\","
                + "\"center\":{\"latitude\":-30.0,\"longitude\":-20.0},\"radiusMeters\":1000}}";
    }

    static String demands(String agency) {
        return "/api/agencies/" + agency + "/legal-demands";
    }

    static String emergencies(String agency) {
        return "/api/agencies/" + agency + "/emergency-requests";
    }

    static String demand(String kind, LocalDate issuedOn, LocalDate servedOn) {
        return "{\"kind\":\"" + kind + "\",\"caseNumber\":\"2026-0042\",\"documentReference\":\"Docket 26-CR-1234\","
                + "\"vendor\":\"Acme Doorbells\",\"scope\":\"Main St, 14:00-15:00\",\"footageFrom\":\"2026-11-01T14:00:00Z\","
                + "\"footageTo\":\"2026-11-01T15:00:00Z\"" + (issuedOn == null ? "" : ",\"issuedOn\":\"" + issuedOn + "\"")
                + (servedOn == null ? "" : ",\"servedOn\":\"" + servedOn + "\"") + "}";
    }

    static String emergency(String justification, String requestedAt) {
        return "{\"vendor\":\"Acme Doorbells\",\"caseNumber\":\"2026-0043\",\"scope\":\"Cameras on the 1400 block\","
                + "\"justification\":\"" + justification + "\",\"footageFrom\":\"2026-11-01T14:00:00Z\","
                + "\"footageTo\":\"2026-11-01T15:00:00Z\"" + (requestedAt == null ? "" : ",\"requestedAt\":\"" + requestedAt + "\"") + "}";
    }
}
