package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Hashtable;
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
import org.osgi.framework.ServiceRegistration;
import org.porchlight.api.transparency.MonthlyFigures;
import org.porchlight.api.transparency.TransparencySource;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The public transparency page: figures of every registered section per month in the agency's
 * time zone, for anyone without signing in, with no personal data or case details; a section
 * that fails is left out and the page still answers.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransparencyIT extends PorchlightTestSupport {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    private static final String AGENCY = "TR" + RUN;
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static boolean recorded;
    private static String officerId;

    private String[] officer;
    private String[] supervisor;

    @Before
    public void records() {
        String[] admin = asAdmin();
        http.postJson("/api/agencies", LegalIT.agency(AGENCY), admin);
        String domain = RUN.toLowerCase(Locale.ROOT) + ".transparency.example";
        officer = staffSession(AGENCY, "officer@" + domain, "OFFICER", admin);
        supervisor = staffSession(AGENCY, "supervisor@" + domain, "SUPERVISOR", admin);
        if (recorded) {
            return;
        }
        // This month: a warrant served and an emergency request found not justified; last month: a
        // subpoena served; a draft, never served, counts nowhere.
        LocalDate today = LocalDate.now(CHICAGO);
        LocalDate lastMonth = today.minusMonths(1).withDayOfMonth(1);
        created(http.postJson(LegalIT.demands(AGENCY), LegalIT.demand("WARRANT", today, today), officer));
        created(http.postJson(LegalIT.demands(AGENCY), LegalIT.demand("SUBPOENA", lastMonth, lastMonth), officer));
        created(http.postJson(LegalIT.demands(AGENCY), LegalIT.demand("COURT_ORDER", null, null), officer));
        String emergency = created(http.postJson(LegalIT.emergencies(AGENCY), LegalIT.emergency(LegalIT.JUSTIFICATION, null), officer))
                .path("id").asText();
        assertEquals(200, http.postJson(LegalIT.emergencies(AGENCY) + "/" + emergency + "/review",
                "{\"verdict\":\"NOT_JUSTIFIED\",\"note\":\"No imminent danger; a warrant was possible.\"}", supervisor).status());
        officerId = http.get("/api/me", officer).json().path("id").asText();
        recorded = true;
    }

    @Test
    public void anyoneSeesTheLegalFiguresPerMonthInTheAgencysTimeZone() {
        Http.Response page = http.get(page(AGENCY)); // no credentials
        assertEquals(page.body(), 200, page.status());
        assertEquals("public, max-age=300", page.header("Cache-Control").orElseThrow());
        JsonNode body = page.json();
        assertEquals(AGENCY, body.path("agency").path("code").asText());
        assertEquals(AGENCY + " Police", body.path("agency").path("name").asText());
        assertEquals("America/Chicago", body.path("timeZone").asText());
        assertTrue(body.path("generatedAt").isTextual());
        assertTrue(body.toString(), sections(body).contains("legal=true"));

        JsonNode months = body.path("months");
        YearMonth current = YearMonth.now(CHICAGO);
        assertEquals("the last 12 months", 12, months.size());
        assertEquals(current.minusMonths(11).toString(), months.path(0).path("month").asText());
        JsonNode thisMonth = months.path(11).path("legal");
        assertEquals(current.toString(), months.path(11).path("month").asText());
        assertEquals(thisMonth.toString(), 1, thisMonth.path("demands").asInt());
        assertEquals(1, thisMonth.path("warrants").asInt());
        assertEquals("the draft is not counted", 0, thisMonth.path("courtOrders").asInt());
        assertEquals(1, thisMonth.path("demandsPending").asInt());
        assertEquals(1, thisMonth.path("emergencyRequests").asInt());
        assertEquals(1, thisMonth.path("emergencyNotJustified").asInt());
        assertEquals(0, thisMonth.path("emergencyReviewedLate").asInt());
        JsonNode previous = months.path(10).path("legal");
        assertEquals(previous.toString(), 1, previous.path("subpoenas").asInt());
        assertEquals(0, previous.path("emergencyRequests").asInt());
        assertEquals("nothing that month", "{}", months.path(0).path("legal").toString());

        JsonNode one = http.get(page(AGENCY) + "?from=" + current + "&to=" + current).json();
        assertEquals(1, one.path("months").size());
        assertEquals(1, one.path("months").path(0).path("legal").path("demands").asInt());
    }

    @Test
    public void thePublicPageHoldsNoPersonalDataNorCaseDetails() {
        String page = http.get(page(AGENCY)).body();
        for (String secret : List.of("Docket", "26-CR-1234", "Acme", "2026-0042", "Main St", "abducted", "No imminent danger",
                officerId, "officer@", "supervisor@", "requestedBy", "createdBy")) {
            assertFalse(secret + " is on the public page: " + page, page.contains(secret));
        }
    }

    @Test
    public void anUnknownAgencyIs404AndMonthsOutOfBoundsAre400() {
        Http.Response unknown = http.get(page("NO" + RUN));
        assertEquals(404, unknown.status());
        assertEquals("application/problem+json", unknown.header("Content-Type").orElseThrow());
        assertEquals(404, http.get("/api/public/agencies/not%20a%20code/transparency").status());

        Http.Response tooLong = http.get(page(AGENCY) + "?from=2020-01&to=2026-11");
        assertEquals(400, tooLong.status());
        assertEquals("from", tooLong.json().path("errors").path(0).path("field").asText());
        assertEquals(400, http.get(page(AGENCY) + "?from=2026-11&to=2026-10").status());
        Http.Response badMonth = http.get(page(AGENCY) + "?to=2026-13");
        assertEquals(400, badMonth.status());
        assertEquals("to", badMonth.json().path("errors").path(0).path("field").asText());
    }

    @Test
    public void aSectionThatFailsIsLeftOutAndThePageStillAnswers() {
        YearMonth current = YearMonth.now(CHICAGO);
        ServiceRegistration<TransparencySource> broken = context.registerService(TransparencySource.class, (agency, from, to) -> {
            throw new IllegalStateException("the figures are unreachable");
        }, new Hashtable<>(Map.of(TransparencySource.SECTION, "broken")));
        ServiceRegistration<TransparencySource> extra = context.registerService(TransparencySource.class,
                (agency, from, to) -> List.of(new MonthlyFigures(current, widgets())),
                new Hashtable<>(Map.of(TransparencySource.SECTION, "extra")));
        try {
            Http.Response page = http.get(page(AGENCY));
            assertEquals(page.body(), 200, page.status());
            JsonNode body = page.json();
            assertEquals(body.toString(), List.of("broken=false", "extra=true", "incentives=true", "legal=true", "releases=true", "requests=true"),
                    sections(body));
            JsonNode thisMonth = body.path("months").path(11);
            assertEquals(7, thisMonth.path("extra").path("widgets").asInt());
            // The API writes no nulls (JsonMapping): a figure with nothing to compute is left out of the month.
            assertFalse(thisMonth.path("extra").toString(), thisMonth.path("extra").has("widgetRate"));
            assertTrue(thisMonth.has("legal"));
            assertFalse(thisMonth.has("broken"));
            assertEquals("a page with a gap is cached briefly", "public, max-age=30", page.header("Cache-Control").orElseThrow());
        } finally {
            broken.unregister();
            extra.unregister();
        }
        assertEquals(List.of("incentives=true", "legal=true", "releases=true", "requests=true"), sections(http.get(page(AGENCY)).json()));
    }

    private static Map<String, Number> widgets() {
        Map<String, Number> figures = new java.util.LinkedHashMap<>();
        figures.put("widgets", 7);
        figures.put("widgetRate", null);
        return figures;
    }

    private static List<String> sections(JsonNode page) {
        List<String> sections = new java.util.ArrayList<>();
        page.path("sections").forEach(s -> sections.add(s.path("name").asText() + "=" + s.path("available").asBoolean()));
        return sections;
    }

    private static JsonNode created(Http.Response response) {
        assertEquals(response.body(), 201, response.status());
        return response.json();
    }

    private static String page(String code) {
        return "/api/public/agencies/" + code + "/transparency";
    }
}
