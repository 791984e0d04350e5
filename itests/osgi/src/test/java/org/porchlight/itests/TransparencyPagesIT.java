package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
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
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.porchlight.api.transparency.MonthlyFigures;
import org.porchlight.api.transparency.TransparencySource;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The public agency pages of the portal: the list of agencies, an agency's transparency page whose
 * tables hold exactly the figures of the public API's JSON, an SVG chart with its title per headline
 * figure, figure names escaped, bad months answered with the form again, and the way to the public
 * request log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class TransparencyPagesIT extends PorchlightTestSupport {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    /**
     * An agency of each test's own: the portal keeps an agency's page for a minute (pageCacheSeconds), so
     * a test that changes figures reads them from an agency whose page nobody opened before.
     */
    private final String agency = "TP" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Pattern SVG = Pattern.compile("<svg[^>]*role=\"img\"[^>]*>\\s*<title id=\"([a-z0-9-]+)-title\">([^<]+)</title>");

    private String[] officer;

    @Before
    public void anAgencyWithAnOfficer() {
        String[] admin = asAdmin();
        http.postJson("/api/agencies", LegalIT.agency(agency), admin);
        officer = staffSession(agency, "officer@" + agency.toLowerCase(Locale.ROOT) + ".pages.example", "OFFICER", admin);
    }

    @Test
    public void aVisitorSeesTheAgencyListAndTheFiguresOfThePublicApiInEachTable() {
        LocalDate today = LocalDate.now(CHICAGO);
        for (String kind : List.of("WARRANT", "SUBPOENA")) {
            Http.Response served = http.postJson(LegalIT.demands(agency), LegalIT.demand(kind, today, today), officer);
            assertEquals(served.body(), 201, served.status());
        }

        PortalSession visitor = new PortalSession();
        Http.Response list = page(visitor, "/agencies");
        PortalSession.assertPortalPage(200, list);
        assertTrue(list.body(), list.body().contains("href=\"/agencies/" + agency + "\""));

        Http.Response page = page(visitor, "/agencies/" + agency);
        PortalSession.assertPortalPage(200, page);
        String html = page.body();
        JsonNode api = http.get("/api/public/agencies/" + agency + "/transparency").json();
        assertEquals(12, api.path("months").size());

        // Every figure of every month of every section is in that section's table, in the API's numbers.
        int compared = 0;
        for (JsonNode month : api.path("months")) {
            String m = month.path("month").asText();
            for (Iterator<Map.Entry<String, JsonNode>> sections = month.fields(); sections.hasNext();) {
                Map.Entry<String, JsonNode> section = sections.next();
                if ("month".equals(section.getKey())) {
                    continue;
                }
                if (section.getValue().isEmpty()) {
                    continue;
                }
                String table = element(html, "<table id=\"section-" + section.getKey() + "\">", "</table>");
                List<String> columns = attributes(table, "data-figure");
                List<String> cells = cells(element(table, "<tr data-month=\"" + m + "\">", "</tr>"));
                for (Iterator<Map.Entry<String, JsonNode>> figures = section.getValue().fields(); figures.hasNext();) {
                    Map.Entry<String, JsonNode> figure = figures.next();
                    String shown = cells.get(columns.indexOf(figure.getKey()));
                    assertEquals(section.getKey() + " " + figure.getKey() + " " + m, expected(figure.getKey(), figure.getValue()), shown);
                    compared++;
                }
            }
        }
        assertTrue("the legal figures at least: " + compared, compared >= 3);
        JsonNode current = api.path("months").path(11).path("legal");
        assertEquals(2, current.path("demands").asInt());

        // A chart per headline figure: an image with a title, and its numbers in the table below it.
        Matcher charts = SVG.matcher(html);
        List<String> ids = new ArrayList<>();
        while (charts.find()) {
            ids.add(charts.group(1));
        }
        assertTrue(ids.toString(), ids.contains("chart-legal-demands") && ids.contains("chart-requests-requestsmade"));
        assertEquals("every svg is a titled image", count(html, "<svg"), ids.size());
        assertFalse(html, html.contains("style="));
        String demandsTable = element(html, "<table id=\"chart-legal-demands-table\">", "</table>");
        assertEquals(List.of("2"), cells(element(demandsTable, "<tr data-month=\"" + YearMonth.now(CHICAGO) + "\">", "</tr>")));
        assertTrue(html, html.contains("<desc id=\"chart-legal-demands-desc\">"));

        // The privacy notes, and the ways on: the request log, the release log, the JSON.
        assertTrue(html, html.contains("America/Chicago") && html.contains("coarse figure"));
        assertTrue(html.contains("href=\"/agencies/" + agency + "/requests\"") && html.contains("href=\"/agencies/" + agency + "/releases\""));
        Http.Response log = page(visitor, "/agencies/" + agency + "/requests"); // the requests bundle's page (a wildcard path)
        PortalSession.assertPortalPage(200, log);
        assertTrue(log.body(), log.body().contains(agency + " Police: public request log"));
    }

    @Test
    public void figureNamesAreEscapedBadMonthsGiveTheFormAgainAndAnUnknownAgencyIs404() {
        TransparencySource source = (agency, from, to) -> List.of(new MonthlyFigures(to, Map.of("count:<script>alert(1)</script>", 7)));
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(TransparencySource.SECTION, "itest-pages");
        properties.put(Constants.SERVICE_RANKING, 0);
        ServiceRegistration<TransparencySource> registration = context.registerService(TransparencySource.class, source, properties);
        try {
            String html = page(new PortalSession(), "/agencies/" + agency).body();
            assertFalse(html, html.contains("<script>alert(1)</script>"));
            assertTrue(html, html.contains("count – &lt;script&gt;alert(1)&lt;/script&gt;"));
        } finally {
            registration.unregister();
        }

        Http.Response bad = page(new PortalSession(), "/agencies/" + agency + "?from=2026-13&to=2026-11");
        PortalSession.assertPortalPage(400, bad);
        assertTrue(bad.body(), bad.body().contains("id=\"from-error\"") && bad.body().contains("value=\"2026-13\""));
        Http.Response tooMany = page(new PortalSession(), "/agencies/" + agency + "?from=2020-01&to=2026-11");
        PortalSession.assertPortalPage(400, tooMany);

        PortalSession.assertPortalPage(404, page(new PortalSession(), "/agencies/NOPE" + RUN));
        PortalSession.assertPortalPage(404, page(new PortalSession(), "/agencies/bad%20code"));
        PortalSession.assertPortalPage(404, page(new PortalSession(), "/agencies/NOPE" + RUN + "/requests"));
        PortalSession.assertPortalPage(404, page(new PortalSession(), "/agencies/" + agency + "/nothing-here"));

        Http.Response spanish = page(new PortalSession(), "/agencies/" + agency + "?lang=es");
        PortalSession.assertPortalPage(200, spanish);
        assertTrue(spanish.body().contains("Sobre estas cifras"));
    }

    /** How the page writes a figure of the API: rates as percentages, other numbers as they are. */
    private static String expected(String figure, JsonNode value) {
        double number = value.asDouble();
        if (figure.endsWith("Rate")) {
            number *= 100;
        }
        String text = new java.math.BigDecimal(Math.round(number * 100) / 100.0 + "").stripTrailingZeros().toPlainString();
        return figure.endsWith("Rate") ? text + " %" : text;
    }

    private static String element(String html, String start, String end) {
        int from = html.indexOf(start);
        assertTrue("no " + start + " in " + html, from >= 0);
        return html.substring(from, html.indexOf(end, from) + end.length());
    }

    private static List<String> attributes(String html, String name) {
        Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(html);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static List<String> cells(String row) {
        Matcher m = Pattern.compile("<td>([^<]*)</td>").matcher(row);
        List<String> values = new ArrayList<>();
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    private static int count(String html, String text) {
        int n = 0;
        for (int i = html.indexOf(text); i >= 0; i = html.indexOf(text, i + 1)) {
            n++;
        }
        return n;
    }
}
