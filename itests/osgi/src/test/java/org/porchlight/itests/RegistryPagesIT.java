package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.porchlight.itests.support.PortalSession.assertPortalPage;
import static org.porchlight.itests.support.PortalSession.formToken;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

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
 * The camera registry's portal pages over real HTTP: a resident's cameras (register, refusals, pause, confirm,
 * delete, nobody else's), the public density map, and the staff's counts and import runs, scoped to their agency.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RegistryPagesIT extends PorchlightTestSupport {

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> camera(String token, String latitude, String longitude, String address) {
        Map<String, String> form = new HashMap<>(Map.of("csrf", token, "latitude", latitude, "longitude", longitude,
                "address", address, "kind", "DOORBELL", "cameraCount", "1", "retentionDays", "30", "recording", "true",
                "contactOk", "true"));
        return form;
    }

    private String agency() {
        String code = "RP" + unique();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(code), asAdmin()).status());
        return code;
    }

    @Test
    public void aResidentRegistersPausesConfirmsAndDeletesACameraAndNobodyElseCan() {
        String email = "pages-" + unique().toLowerCase(Locale.ROOT) + "@registry.example";
        String[] api = residentSession(email);
        PortalSession browser = signedIn(email, PEOPLE_PASSWORD);

        Http.Response empty = page(browser, "/cameras");
        assertPortalPage(200, empty);
        assertTrue(empty.body(), empty.body().contains("You have not registered a camera yet."));
        assertTrue("a map that fills the inputs",
                empty.body().contains("data-map=") && empty.body().contains("&quot;mode&quot;:&quot;pin&quot;"));
        assertTrue(empty.body().contains("<label for=\"latitude\">"));
        String token = formToken(empty);

        Http.Response wrong = submit(browser, "/cameras", camera(token, "139.1", "-94.57", ""));
        assertPortalPage(422, wrong);
        assertTrue(wrong.body(), wrong.body().contains("Enter a latitude between -90 and 90"));
        assertTrue(wrong.body(), wrong.body().contains("Enter the address where the camera is."));
        assertTrue("what was typed is kept", wrong.body().contains("value=\"139.1\""));
        assertEquals(0, http.get("/api/registry/cameras", api).json().size());

        Http.Response made = submit(browser, "/cameras", camera(token, "39.0997", "-94.5786", "<b>12 Elm</b> St"));
        assertEquals(made.toString(), 303, made.status());
        assertEquals("/cameras?done=registered", made.header("Location").orElse(""));
        JsonNode mine = http.get("/api/registry/cameras", api).json();
        assertEquals(1, mine.size());
        String id = mine.get(0).path("id").asText();
        assertTrue(mine.get(0).path("active").asBoolean());

        Http.Response listed = page(browser, "/cameras?done=registered");
        assertPortalPage(200, listed);
        assertTrue(listed.body(), listed.body().contains("Your camera is registered."));
        assertTrue("escaped", listed.body().contains("&lt;b&gt;12 Elm&lt;/b&gt; St") && !listed.body().contains("<b>12 Elm"));
        assertTrue(listed.body(), listed.body().contains("Active"));
        assertTrue(listed.body(), listed.body().contains("action=\"/cameras/" + id + "/pause\""));
        assertTrue(listed.body(), listed.body().contains("data-confirm="));

        // Another resident, and staff, cannot touch it.
        String other = "other-" + unique().toLowerCase(Locale.ROOT) + "@registry.example";
        residentSession(other);
        PortalSession neighbour = signedIn(other, PEOPLE_PASSWORD);
        String theirs = formToken(page(neighbour, "/cameras"));
        assertPortalPage(404, submit(neighbour, "/cameras/" + id + "/pause", Map.of("csrf", theirs)));
        assertPortalPage(404, submit(neighbour, "/cameras/" + id + "/delete", Map.of("csrf", theirs)));
        assertFalse(page(neighbour, "/cameras").body().contains("12 Elm"));
        assertFalse(http.get("/api/registry/cameras/" + id, api).json().path("paused").asBoolean());

        assertEquals(303, submit(browser, "/cameras/" + id + "/pause", Map.of("csrf", token)).status());
        assertTrue(http.get("/api/registry/cameras/" + id, api).json().path("paused").asBoolean());
        Http.Response paused = page(browser, "/cameras?done=paused");
        assertTrue(paused.body(), paused.body().contains("Paused") && paused.body().contains("/cameras/" + id + "/resume"));
        assertEquals(303, submit(browser, "/cameras/" + id + "/resume", Map.of("csrf", token)).status());
        assertFalse(http.get("/api/registry/cameras/" + id, api).json().path("paused").asBoolean());
        String confirmedBefore = http.get("/api/registry/cameras/" + id, api).json().path("confirmedAt").asText();
        assertEquals(303, submit(browser, "/cameras/" + id + "/confirm", Map.of("csrf", token)).status());
        assertFalse(confirmedBefore.equals(http.get("/api/registry/cameras/" + id, api).json().path("confirmedAt").asText()));
        assertPortalPage(404, submit(browser, "/cameras/" + id + "/explode", Map.of("csrf", token)));
        assertPortalPage(404, submit(browser, "/cameras/not-a-uuid/pause", Map.of("csrf", token)));
        assertPortalPage(403, submit(browser, "/cameras/" + id + "/delete", Map.of()));

        assertEquals(303, submit(browser, "/cameras/" + id + "/delete", Map.of("csrf", token)).status());
        assertEquals(0, http.get("/api/registry/cameras", api).json().size());
        assertTrue(page(browser, "/cameras?done=deleted").body().contains("The camera is deleted."));
    }

    @Test
    public void theCapOfActiveCamerasIsSaidOnTheFormAndAPausedOneIsStillTaken() {
        String email = "cap-" + unique().toLowerCase(Locale.ROOT) + "@registry.example";
        String[] api = residentSession(email);
        for (int i = 0; i < 10; i++) {
            assertEquals(201, http.postJson("/api/registry/cameras", "{\"location\":{\"latitude\":39.1,\"longitude\":-94.55},"
                    + "\"address\":\"" + i + " Oak St\",\"kind\":\"WALL\",\"recording\":true,\"retentionDays\":7,"
                    + "\"contactOk\":true}",
                    api).status());
        }
        PortalSession browser = signedIn(email, PEOPLE_PASSWORD);
        String token = formToken(page(browser, "/cameras"));
        Http.Response refused = submit(browser, "/cameras", camera(token, "39.1", "-94.55", "11 Oak St"));
        assertPortalPage(409, refused);
        assertTrue(refused.body(), refused.body().contains("You already have the most active cameras one person may have."));
        assertTrue("the form keeps what was typed", refused.body().contains("value=\"11 Oak St\""));
        assertEquals(10, http.get("/api/registry/cameras", api).json().size());

        String first = http.get("/api/registry/cameras", api).json().get(0).path("id").asText();
        assertEquals(303, submit(browser, "/cameras/" + first + "/pause", Map.of("csrf", token)).status());
        assertEquals(303, submit(browser, "/cameras", camera(token, "39.1", "-94.55", "11 Oak St")).status());
        Http.Response resume = submit(browser, "/cameras/" + first + "/resume", Map.of("csrf", token));
        assertPortalPage(409, resume);
        assertTrue(resume.body().contains("Pause or delete one first"));
    }

    @Test
    public void theDensityMapIsPublicWithItsTableAndSaysItIsNoisy() {
        String code = agency();
        Http.Response density = page(new PortalSession(), "/density?agency=" + code + "&cell=2000");
        assertPortalPage(200, density);
        assertTrue(density.body(), density.body().contains("noisy and coarse on purpose"));
        assertTrue(density.body(), density.body().contains("blocks of about 2000 m"));
        assertTrue(density.body(), density.body().contains("data-map="));
        assertTrue(density.body(), density.body().contains("<option value=\"" + code + "\" selected>"));
        assertPortalPage(200, page(new PortalSession(), "/density"));
        assertPortalPage(200, page(new PortalSession(), "/density?cell=-1&agency=NOPE"));
        assertPortalPage(404, page(new PortalSession(), "/density/anything"));
        Http.Response spanish = page(new PortalSession(), "/density?lang=es&agency=" + code);
        assertPortalPage(200, spanish);
        assertTrue(spanish.body(), spanish.body().contains("imprecisas y gruesas a propósito")
                && spanish.body().contains("manzanas de unos 1000 m"));
    }

    @Test
    public void staffCountInWholeCellsAndReadTheRefusalsOfTheRules() {
        String code = agency();
        String[] admin = asAdmin();
        String officerEmail = "officer-" + unique().toLowerCase(Locale.ROOT) + "@registry.example";
        staffSession(code, officerEmail, "OFFICER", admin);
        PortalSession officer = signedIn(officerEmail, PEOPLE_PASSWORD);
        Http.Response page = page(officer, "/registry");
        assertPortalPage(200, page);
        assertTrue(page.body(), page.body().contains("<textarea id=\"area\""));
        assertTrue(page.body(), page.body().contains("&quot;mode&quot;:&quot;draw&quot;"));
        assertFalse("officers see no imports", page.body().contains("Imports from other registries"));
        assertPortalPage(403, page(officer, "/registry/imports/anything"));
        String token = formToken(page);

        Http.Response bad = submit(officer, "/registry", Map.of("csrf", token, "area", "39.1, -94.5\nnot a corner"));
        assertPortalPage(422, bad);
        assertTrue(bad.body(), bad.body().contains("Enter at least three corners"));
        assertTrue("what was typed is kept", bad.body().contains("not a corner"));

        Http.Response small = submit(officer, "/registry", Map.of("csrf", token,
                "area", "39.10001, -94.57001\n39.10004, -94.57001\n39.10004, -94.57004"));
        assertPortalPage(422, small);
        assertTrue(small.body(), small.body().contains("The area is too small"));
        Http.Response outside = submit(officer, "/registry", Map.of("csrf", token,
                "area", "40.5, -94.5\n40.51, -94.5\n40.51, -94.51"));
        assertPortalPage(422, outside);
        assertTrue(outside.body(), outside.body().contains("entirely within your agency"));

        // Five residents' cameras in one spot of this test's own: counted once five owners are behind them.
        double lat = 39.02 + Math.random() * 0.04;
        double lon = -94.65 + Math.random() * 0.03;
        String square = String.format(Locale.ROOT, "%.5f, %.5f\n%.5f, %.5f\n%.5f, %.5f\n%.5f, %.5f", lat - 0.003, lon - 0.003,
                lat + 0.003, lon - 0.003, lat + 0.003, lon + 0.003, lat - 0.003, lon + 0.003);
        Http.Response withheld = submit(officer, "/registry", Map.of("csrf", token, "area", square));
        assertPortalPage(200, withheld);
        assertTrue(withheld.body(), withheld.body().contains("Withheld: fewer than 5 distinct owners"));
        for (int i = 0; i < 5; i++) {
            String[] owner = residentSession("owner" + i + "-" + unique().toLowerCase(Locale.ROOT) + "@registry.example");
            assertEquals(201, http.postJson("/api/registry/cameras", String.format(Locale.ROOT,
                    "{\"location\":{\"latitude\":%.6f,"
                    + "\"longitude\":%.6f},\"address\":\"x\",\"kind\":\"WALL\",\"recording\":true,\"retentionDays\":7,"
                    + "\"contactOk\":true}", lat, lon), owner).status());
        }
        Http.Response counted = submit(officer, "/registry", Map.of("csrf", token, "area", square));
        assertPortalPage(200, counted);
        assertTrue(counted.body(), counted.body().contains("5 active cameras in the"));
        assertTrue("the counted cells are drawn", counted.body().contains("Block counted"));

        // The hourly allowance: refused with the wait, not an error page.
        String busyEmail = "busy-" + unique().toLowerCase(Locale.ROOT) + "@registry.example";
        staffSession(code, busyEmail, "SUPERVISOR", admin);
        PortalSession busy = signedIn(busyEmail, PEOPLE_PASSWORD);
        String busyToken = formToken(page(busy, "/registry"));
        Http.Response last = null;
        for (int i = 0; i < 61 && (last == null || last.status() == 200); i++) {
            last = submit(busy, "/registry", Map.of("csrf", busyToken, "area", square));
        }
        assertPortalPage(429, last);
        assertTrue(last.body(), last.body().matches("(?s).*Try again in \\d+ seconds\\..*"));
    }

    @Test
    public void supervisorsReadTheirAgencysImportRunsAndRejectedRowsAndNoOtherAgencys() throws Exception {
        String code = agency();
        String elsewhere = agency();
        String[] admin = asAdmin();
        String source = "pages-" + unique().toLowerCase(Locale.ROOT);
        UUID running = UUID.randomUUID();
        UUID failed = UUID.randomUUID();
        try (Connection c = primaryDataSource().getConnection()) {
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO registry.import_source (source, agency_code, full_requested) VALUES (?, ?, FALSE)")) {
                s.setString(1, source);
                s.setString(2, code);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO registry.import_run (id, source, agency_code, status, "
                    + "full_import, received, created, updated, unchanged, withdrawn, claimed, rejected, error, started_at, "
                    + "finished_at) VALUES (?, ?, ?, ?, FALSE, ?, 0, 0, 0, 0, 0, ?, ?, ?, ?)")) {
                s.setObject(1, failed);
                s.setString(2, source);
                s.setString(3, code);
                s.setString(4, "FAILED");
                s.setLong(5, 40);
                s.setLong(6, 2);
                s.setString(7, "feed <unreachable>");
                s.setTimestamp(8, Timestamp.from(Instant.now().minusSeconds(3600)));
                s.setTimestamp(9, Timestamp.from(Instant.now().minusSeconds(3500)));
                s.executeUpdate();
                s.setObject(1, running);
                s.setString(4, "RUNNING");
                s.setLong(5, 1234);
                s.setLong(6, 1);
                s.setString(7, null);
                s.setTimestamp(8, Timestamp.from(Instant.now()));
                s.setTimestamp(9, null);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO registry.import_source (source, agency_code, "
                    + "full_requested) VALUES (?, ?, FALSE)")) {
                s.setString(1, source + "-b");
                s.setString(2, code);
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO registry.import_run (id, source, agency_code, status, "
                    + "full_import, received, created, updated, unchanged, withdrawn, claimed, rejected, error, started_at, "
                    + "finished_at) VALUES (?, ?, ?, 'FAILED', FALSE, 0, 0, 0, 0, 0, 0, 0, 'connection refused', ?, ?)")) {
                s.setObject(1, UUID.randomUUID());
                s.setString(2, source + "-b");
                s.setString(3, code);
                s.setTimestamp(4, Timestamp.from(Instant.now()));
                s.setTimestamp(5, Timestamp.from(Instant.now()));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO registry.import_rejection (run_id, line, column_name, reason) VALUES (?, ?, ?, ?)")) {
                s.setObject(1, running);
                s.setLong(2, 17);
                s.setString(3, "latitude");
                s.setString(4, "not a number: <script>");
                s.executeUpdate();
            }
        }
        String supervisorEmail = "sup-" + unique().toLowerCase(Locale.ROOT) + "@registry.example";
        staffSession(code, supervisorEmail, "SUPERVISOR", admin);
        PortalSession supervisor = signedIn(supervisorEmail, PEOPLE_PASSWORD);
        Http.Response registry = page(supervisor, "/registry");
        assertPortalPage(200, registry);
        assertTrue(registry.body(), registry.body().contains("href=\"/registry/imports/" + source + "\""));
        assertTrue(registry.body(), registry.body().contains("Running") && registry.body().contains("1234"));
        assertTrue("a running import refreshes itself", registry.body().contains("hx-get=\"/registry?part=imports\""));
        Http.Response fragment = page(supervisor, "/registry?part=imports");
        assertEquals(200, fragment.status());
        assertFalse("a fragment, without the layout", fragment.body().contains("<html"));
        assertTrue(fragment.body().contains("1234"));

        Http.Response runs = page(supervisor, "/registry/imports/" + source);
        assertPortalPage(200, runs);
        assertTrue(runs.body(), runs.body().contains("Failed") && runs.body().contains("feed &lt;unreachable&gt;"));
        Http.Response run = page(supervisor, "/registry/imports/" + source + "/" + running);
        assertPortalPage(200, run);
        assertTrue(run.body(), run.body().contains("1234 rows received, 1 rejected."));
        assertTrue(run.body(), run.body().contains("not a number: &lt;script&gt;") && run.body().contains(">17<"));
        assertTrue(run.body(), run.body().contains("hx-get=\"/registry/imports/" + source + "/" + running + "?part=progress\""));
        Http.Response progress = page(supervisor, "/registry/imports/" + source + "/" + running + "?part=progress");
        assertEquals(200, progress.status());
        assertFalse(progress.body().contains("<html"));
        assertTrue(progress.body().contains("1234"));
        assertPortalPage(404, page(supervisor, "/registry/imports/" + source + "/" + UUID.randomUUID()));
        assertPortalPage(404, page(supervisor, "/registry/imports/" + source + "/nonsense"));

        Http.Response dashboard = page(supervisor, "/dashboard");
        assertPortalPage(200, dashboard);
        assertTrue(dashboard.body(),
                dashboard.body().contains("Registry imports") && dashboard.body().contains("href=\"/registry#imports\""));

        // Another agency's supervisor and admin: the source does not exist for them.
        String strangerEmail = "stranger-" + unique().toLowerCase(Locale.ROOT) + "@registry.example";
        staffSession(elsewhere, strangerEmail, "AGENCY_ADMIN", admin);
        PortalSession stranger = signedIn(strangerEmail, PEOPLE_PASSWORD);
        Http.Response theirs = page(stranger, "/registry");
        assertPortalPage(200, theirs);
        assertFalse(theirs.body().contains(source));
        assertTrue(theirs.body().contains("The agency has no import source."));
        assertPortalPage(404, page(stranger, "/registry/imports/" + source));
        assertFalse("no card for another agency's failed import",
                page(stranger, "/dashboard").body().contains("Registry imports"));
        assertPortalPage(404, page(stranger, "/registry/imports/" + source + "/" + running));

        // Residents and PIOs are kept out of the staff page, staff out of "My cameras".
        String pioEmail = "pio-" + unique().toLowerCase(Locale.ROOT) + "@registry.example";
        staffSession(code, pioEmail, "PIO", admin);
        assertPortalPage(403, page(signedIn(pioEmail, PEOPLE_PASSWORD), "/registry"));
        assertPortalPage(403, page(supervisor, "/cameras"));
        String residentEmail = "res-" + unique().toLowerCase(Locale.ROOT) + "@registry.example";
        residentSession(residentEmail);
        assertPortalPage(403, page(signedIn(residentEmail, PEOPLE_PASSWORD), "/registry"));
        assertEquals(303, page(new PortalSession(), "/registry").status());
    }
}
