package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.inject.Inject;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraOwner;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.porchlight.api.registry.CameraRegistry;
import org.porchlight.api.registry.RegistryEvents;
import org.porchlight.itests.support.CoarseCell;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The camera registry, run against each database: owners manage their own registrations and
 * nobody else's; agencies get counts inside their jurisdiction and nothing else; a resident has at
 * most ten active registrations; the density map counts distinct owners and adds noise that
 * planted cameras cannot see through; owner matching follows pause, confirmation and the owner's choice of
 * agencies.
 */
public abstract class RegistryContract extends PorchlightTestSupport {

    // KCPD's jurisdiction is a 20 km circle around downtown Kansas City (IdentityIT.agency).
    private static final double LAT = 39.0997;
    private static final double LON = -94.5786;

    private String[] resident;
    private String[] neighbour;
    private String[] officer;

    /** An epsilon so large that no draw is ever non-zero: the map shows true counts of owners. */
    private static final double NO_NOISE = 50;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Before
    public void people() throws Exception {
        deleteAllCameras();
        String[] admin = asAdmin();
        for (String code : List.of("KCPD", "JCSO")) {
            http.postJson("/api/agencies", IdentityIT.agency(code), admin);
        }
        resident = residentSession("ann@registry.example");
        neighbour = residentSession("bo@registry.example");
        officer = staffSession("KCPD", "officer@kcpd-registry.example", "OFFICER", admin);
    }

    @Test
    public void ownersManageTheirOwnRegistrationsAndNobodyElses() {
        Http.Response created = register(resident, LAT, LON, null);
        assertEquals(created.body(), 201, created.status());
        JsonNode camera = created.json();
        String id = camera.path("id").asText();
        // Every agency whose jurisdiction holds it, by default (on the shared PostgreSQL database other
        // tests' agencies may cover Kansas City too).
        String agencies = camera.path("agencies").toString();
        assertTrue(agencies, agencies.contains("\"JCSO\"") && agencies.contains("\"KCPD\""));
        assertTrue(camera.path("active").asBoolean());

        assertEquals(1, http.get("/api/registry/cameras", resident).json().size());
        assertEquals(0, http.get("/api/registry/cameras", neighbour).json().size());
        assertEquals("another resident's registration does not exist for them", 404, http.get("/api/registry/cameras/" + id, neighbour).status());
        assertEquals(404, http.send("DELETE", "/api/registry/cameras/" + id, null, null, neighbour).status());
        assertEquals("agencies never list cameras", 403, http.get("/api/registry/cameras", officer).status());

        Http.Response paused = http.send("PUT", "/api/registry/cameras/" + id, "application/json", form(LAT, LON, null, true), resident);
        assertEquals(200, paused.status());
        assertFalse(paused.json().path("active").asBoolean());

        assertEquals(204, http.send("DELETE", "/api/registry/cameras/" + id, null, null, resident).status());
        assertEquals(404, http.get("/api/registry/cameras/" + id, resident).status());
        assertEquals("deleted for good", 0, rows("SELECT COUNT(*) FROM registry.camera WHERE id = '" + id + "'"));
    }

    @Test
    public void agenciesCountOnlyInsideTheirJurisdictionAndOnlyWhatMayReachThem() throws Exception {
        register(resident, LAT, LON, null);
        register(resident, LAT + 0.001, LON, "[\"JCSO\"]"); // chose another agency only
        String pausedId = register(neighbour, LAT - 0.001, LON, null).json().path("id").asText();
        http.send("PUT", "/api/registry/cameras/" + pausedId, "application/json", form(LAT - 0.001, LON, null, true), neighbour);
        List<String[]> others = residents(4);
        List<String> theirs = new ArrayList<>();
        for (int i = 0; i < others.size(); i++) {
            theirs.add(register(others.get(i), LAT, LON + 0.0005 * (i + 1), null).json().path("id").asText());
        }

        // Five owners' cameras may reach KCPD: shown, whole cells counted and listed.
        Http.Response count = count("KCPD", circle(LAT, LON, 500), officer);
        assertEquals(count.body(), 200, count.status());
        assertEquals(count.body(), 5, count.json().path("cameras").asLong());
        assertFalse(count.json().path("suppressed").asBoolean());
        assertEquals(150, count.json().path("cellMeters").asInt());
        assertTrue(count.body(), count.json().path("cells").size() >= 36);

        // One of them paused: four owners are too few, whatever the area.
        http.send("PUT", "/api/registry/cameras/" + theirs.get(0), "application/json", form(LAT, LON + 0.0005, null, true),
                others.get(0));
        Http.Response fewer = count("KCPD", circle(LAT, LON, 500), officer);
        assertEquals(fewer.body(), 200, fewer.status());
        assertTrue(fewer.body(), fewer.json().path("suppressed").asBoolean());
        assertFalse(fewer.body(), fewer.json().has("cameras"));
        assertEquals(5, fewer.json().path("minimumOwners").asInt());

        Http.Response outside = count("KCPD", circle(LAT + 1, LON, 500), officer);
        assertEquals(422, outside.status());
        assertEquals("urn:porchlight:problem:outside-jurisdiction", outside.json().path("type").asText());
        Http.Response tooLarge = count("KCPD", circle(LAT, LON, 5000), officer);
        assertEquals(422, tooLarge.status());
        assertEquals("urn:porchlight:problem:area-too-large", tooLarge.json().path("type").asText());
        double[] cell = CoarseCell.around(LAT, LON);
        double[] middle = CoarseCell.inside(cell, 0.5, 0.5);
        Http.Response tooSmall = count("KCPD", circle(middle[0], middle[1], 10), officer);
        assertEquals(tooSmall.body(), 422, tooSmall.status());
        assertEquals("urn:porchlight:problem:area-too-small", tooSmall.json().path("type").asText());
        assertEquals("another agency's count is out of reach", 404, count("JCSO", circle(LAT, LON, 500), officer).status());

        // The SDK's exact matching, for the request workflow, is unchanged.
        CameraRegistry registry = service(CameraRegistry.class, null);
        List<CameraOwner> owners = registry.ownersIn(new Circle(new GeoPoint(LAT, LON), 500), "KCPD");
        assertEquals(4, owners.size());
        assertEquals(5, registry.countIn(new Circle(new GeoPoint(LAT, LON), 500), "JCSO"));
    }

    @Test
    public void aRegistrationNotConfirmedFor13MonthsStopsBeingMatchedUntilConfirmed() throws Exception {
        String id = register(resident, LAT, LON, null).json().path("id").asText();
        List<String[]> others = residents(4);
        for (int i = 0; i < others.size(); i++) {
            register(others.get(i), LAT + 0.0005 * (i + 1), LON, null);
        }
        age(id, java.time.ZonedDateTime.now().minusMonths(13).minusDays(1).toInstant());
        // Four owners left: withheld.
        assertTrue(count("KCPD", circle(LAT, LON, 300), officer).json().path("suppressed").asBoolean());
        assertFalse(http.get("/api/registry/cameras/" + id, resident).json().path("active").asBoolean());
        assertEquals(200, http.send("POST", "/api/registry/cameras/" + id + "/confirm", null, null, resident).status());
        assertEquals(5, count("KCPD", circle(LAT, LON, 300), officer).json().path("cameras").asLong());
    }

    /**
     * Bisection and differencing attackers aim at a camera whose owner keeps its exact spot to
     * themselves. Whatever they ask, everything they are told is the same when the camera is at
     * the other side of its coarse cell: counts locate it no better than the cell.
     */
    @Test
    public void noSequenceOfCountsTellsWhereInItsCoarseCellACameraIs() throws Exception {
        double[] cell = CoarseCell.around(LAT, LON);
        double[] here = CoarseCell.inside(cell, 0.2, 0.2);
        double[] there = CoarseCell.inside(cell, 0.8, 0.8);
        // Five other owners some 300-400 m north, so that larger areas get real numbers.
        List<String[]> others = residents(5);
        for (int i = 0; i < others.size(); i++) {
            register(others.get(i), here[0] + CoarseCell.north(300 + 25 * i), here[1] + CoarseCell.east(20 * i, LAT), null);
        }
        String target = http.postJson("/api/registry/cameras", form(here[0], here[1], null, false, false), resident).json()
                .path("id").asText();

        List<String> told = attack(freshOfficer(), here);
        assertTrue("the attack got real numbers: " + told, told.stream().anyMatch(t -> t.contains("\"cameras\":6")));
        assertTrue("and withheld ones: " + told, told.stream().anyMatch(t -> t.contains("\"suppressed\":true")));

        Http.Response moved = http.send("PUT", "/api/registry/cameras/" + target, "application/json",
                form(there[0], there[1], null, false, false), resident);
        assertEquals(moved.body(), 200, moved.status());
        List<String> toldAgain = attack(freshOfficer(), here);
        for (int i = 0; i < told.size(); i++) {
            assertEquals("answer " + i + " tells the camera's place within its cell", told.get(i), toldAgain.get(i));
        }
    }

    @Test
    public void eachUserHasAnHourlyAllowanceOfCounts() {
        String[] counter = freshOfficer();
        Http.Response last = null;
        for (int i = 0; i < 61; i++) {
            last = count("KCPD", circle(LAT + CoarseCell.north(i), LON, 400), counter);
            if (i < 60) {
                assertEquals(last.body(), 200, last.status());
            }
        }
        assertEquals(last.body(), 429, last.status());
        assertEquals("urn:porchlight:problem:too-many-attempts", last.json().path("type").asText());
        long retryAfter = Long.parseLong(last.header("Retry-After").orElseThrow());
        assertTrue("within the hour: " + retryAfter, retryAfter >= 1 && retryAfter <= 3600);
        assertEquals("another officer's allowance is their own", 200, count("KCPD", circle(LAT, LON, 400), officer).status());
    }

    /**
     * What an attacker guessing {@code guess} is told by shrinking circles, bisecting rectangles,
     * shifted circles and a square with and without a slot cut to the guess: each answer's status and body.
     */
    private List<String> attack(String[] who, double[] guess) {
        List<String> told = new ArrayList<>();
        for (double radius : new double[] {450, 300, 200, 100, 50, 20, 5, 1, 0.01}) {
            told.add(answer(count("KCPD", circle(guess[0], guess[1], radius), who)));
        }
        // Bisection: keep the half with the larger answer (withheld or refused counting as less than any number).
        double[] box = {guess[0] - CoarseCell.north(500), guess[1] - CoarseCell.east(500, LAT), guess[0] + CoarseCell.north(500),
                guess[1] + CoarseCell.east(500, LAT)};
        for (int round = 0; round < 10; round++) {
            boolean split = round % 2 == 0;
            double cut = split ? (box[0] + box[2]) / 2 : (box[1] + box[3]) / 2;
            double[] first = split ? new double[] {box[0], box[1], cut, box[3]} : new double[] {box[0], box[1], box[2], cut};
            double[] second = split ? new double[] {cut, box[1], box[2], box[3]} : new double[] {box[0], cut, box[2], box[3]};
            Http.Response a = count("KCPD", rectangle(first), who);
            Http.Response b = count("KCPD", rectangle(second), who);
            told.add(answer(a));
            told.add(answer(b));
            box = score(b) > score(a) ? second : first;
        }
        // Differencing: circles shifted 20 m at a time across the guess, and a square less a 2 m slot to the guess.
        for (int k = -5; k <= 5; k++) {
            told.add(answer(count("KCPD", circle(guess[0], guess[1] + CoarseCell.east(20 * k, LAT), 300), who)));
        }
        double s = guess[0] - CoarseCell.north(300);
        double n = guess[0] + CoarseCell.north(300);
        double w = guess[1] - CoarseCell.east(300, LAT);
        double e = guess[1] + CoarseCell.east(300, LAT);
        double slotW = guess[1] - CoarseCell.east(1, LAT);
        double slotE = guess[1] + CoarseCell.east(1, LAT);
        told.add(answer(count("KCPD", rectangle(new double[] {s, w, n, e}), who)));
        double[][] slotted = {{s, w}, {s, slotW}, {guess[0], slotW}, {guess[0], slotE}, {s, slotE}, {s, e}, {n, e}, {n, w}};
        told.add(answer(count("KCPD", polygon(slotted), who)));
        return told;
    }

    /** An answer's status and body, less the request id of a problem (it differs between any two calls). */
    private static String answer(Http.Response response) {
        return response.status() + " " + response.body().replaceAll("\"requestId\":\"[0-9a-f]*\"", "");
    }

    private static long score(Http.Response response) {
        return response.status() != 200 ? -2 : response.json().has("cameras") ? response.json().path("cameras").asLong() : -1;
    }

    private String[] freshOfficer() {
        String email = "officer-" + UUID.randomUUID().toString().substring(0, 8) + "@kcpd-registry.example";
        return staffSession("KCPD", email, "OFFICER", asAdmin());
    }

    private List<String[]> residents(int n) {
        List<String[]> people = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < n; i++) {
            people.add(residentSession("owner" + i + "-" + run + "@registry.example"));
        }
        return people;
    }

    @Test
    public void ownersAreRemindedOnceBeforeTheirRegistrationLapses() throws Exception {
        String due = register(resident, LAT, LON, null).json().path("id").asText();
        String fresh = register(resident, LAT, LON, null).json().path("id").asText();
        age(due, java.time.ZonedDateTime.now().minusMonths(12).minusDays(5).toInstant()); // lapses in about 25 days
        BlockingQueue<Event> reminders = new LinkedBlockingQueue<>();
        ServiceRegistration<EventHandler> listener = context.registerService(EventHandler.class, reminders::add,
                new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, RegistryEvents.CONFIRMATION_DUE)));
        try {
            restartReminders(); // it looks at once when it starts
            Event reminder = reminders.poll(30, TimeUnit.SECONDS);
            assertNotNull("a reminder for the registration that is due", reminder);
            assertEquals(due, reminder.getProperty(RegistryEvents.REGISTRATION));
            assertEquals(http.get("/api/me", resident).json().path("id").asText(), reminder.getProperty(RegistryEvents.ACCOUNT));
            restartReminders();
            assertNull("one reminder per period, none for the fresh registration " + fresh, reminders.poll(10, TimeUnit.SECONDS));

            // Confirming starts a new period; a year on, it gets its own reminder.
            assertEquals(200, http.send("POST", "/api/registry/cameras/" + due + "/confirm", null, null, resident).status());
            aYearPasses(due);
            restartReminders();
            assertNotNull(reminders.poll(30, TimeUnit.SECONDS));
        } finally {
            listener.unregister();
        }
    }

    /** Moves a registration's confirmation and reminder times a year and 5 days back, as time passing would. */
    private void aYearPasses(String registration) throws Exception {
        try (Connection c = primaryDataSource().getConnection();
                PreparedStatement read = c.prepareStatement("SELECT confirmed_at, reminded_at FROM registry.camera WHERE id = ?");
                PreparedStatement write = c.prepareStatement(
                        "UPDATE registry.camera SET confirmed_at = ?, reminded_at = ? WHERE id = ?")) {
            read.setObject(1, UUID.fromString(registration));
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                for (int i = 1; i <= 2; i++) {
                    write.setTimestamp(i, java.sql.Timestamp.from(rs.getTimestamp(i).toInstant().atZone(java.time.ZoneOffset.UTC)
                            .minusMonths(12).minusDays(5).toInstant()));
                }
            }
            write.setObject(3, UUID.fromString(registration));
            write.executeUpdate();
        }
    }

    /** Restarts the reminder component, which looks for due registrations a few seconds after it starts. */
    private void restartReminders() throws Exception {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class, null);
        ComponentDescriptionDTO reminders = scr.getComponentDescriptionDTO(bundle("org.porchlight.registry"),
                "org.porchlight.registry.ConfirmationReminders");
        scr.disableComponent(reminders).getValue();
        scr.enableComponent(reminders).getValue();
    }

    @Test
    public void theDensityMapCountsDistinctOwnersAgainstTheFloor() throws Exception {
        configure(NO_NOISE);
        for (int i = 0; i < 6; i++) {
            register(resident, 39.20001 + i * 0.0001, -94.40001, null); // one owner, six cameras in a cell
        }
        register(neighbour, 39.25001, -94.30001, null);
        newPeriod();
        Http.Response map = http.get("/api/registry/density?bbox=-94.5,39.1,-94.2,39.3&cell=500");
        assertEquals(map.body(), 200, map.status());
        assertEquals(5, map.json().path("minimum").asInt());
        assertEquals(500, map.json().path("cellMeters").asInt());
        assertEquals("one owner does not pass the floor, however many cameras", 0, map.json().path("cells").size());

        register(neighbour, 39.20001, -94.40001, null);
        for (int i = 0; i < 3; i++) {
            register(residentSession("owner" + i + "@registry.example"), 39.20001, -94.40001, null);
        }
        assertEquals("the snapshot holds for the period", 0, density("-94.5,39.1,-94.2,39.3", 500).path("cells").size());
        newPeriod();
        JsonNode cells = density("-94.5,39.1,-94.2,39.3", 500).path("cells");
        assertEquals(cells.toString(), 1, cells.size());
        assertEquals(5, cells.path(0).path("owners").asLong());
        assertEquals(5, figureAt(cells, 39.20001, -94.40001));

        assertEquals(400, http.get("/api/registry/density?bbox=-94.5,39.1,-94.2,39.3&cell=10").status());
        assertEquals(400, http.get("/api/registry/density?bbox=-94.2,39.1,-94.5,39.3&cell=500").status());
        assertEquals("too many cells", 400, http.get("/api/registry/density?bbox=-100,30,-90,40&cell=50").status());
    }

    @Test
    public void aResidentHasAtMostTenActiveRegistrations() throws Exception {
        String[] ids = new String[10];
        for (int i = 0; i < 10; i++) {
            ids[i] = register(resident, LAT + i * 0.0001, LON, null).json().path("id").asText();
        }
        Http.Response eleventh = register(resident, LAT, LON, null);
        assertEquals(eleventh.body(), 409, eleventh.status());
        assertEquals("urn:porchlight:problem:too-many-active-registrations", eleventh.json().path("type").asText());
        assertEquals(201, register(neighbour, LAT, LON, null).status());

        assertEquals(200, http.send("PUT", "/api/registry/cameras/" + ids[0], "application/json", form(LAT, LON, null, true),
                resident).status());
        assertEquals("pausing frees a slot", 201, register(resident, LAT, LON, null).status());
        assertEquals("resuming takes one", 409, http.send("PUT", "/api/registry/cameras/" + ids[0], "application/json",
                form(LAT, LON, null, false), resident).status());
        assertEquals(204, http.send("DELETE", "/api/registry/cameras/" + ids[1], null, null, resident).status());
        assertEquals("deleting frees one", 200, http.send("PUT", "/api/registry/cameras/" + ids[0], "application/json",
                form(LAT, LON, null, false), resident).status());
        assertEquals(10, rows("SELECT COUNT(*) FROM registry.camera WHERE paused = FALSE AND owner_id = (SELECT owner_id "
                + "FROM registry.camera WHERE id = '" + ids[0] + "')"));
    }

    /**
     * Sixteen accounts (ten cameras each, the cap) plant four owners in each of 40 cells; two real
     * owners have a camera in every other cell. Without noise the floor tells the attacker exactly
     * where the real cameras are; with the default epsilon the published figures are the same on
     * every query and leave the attacker wrong in some cells (right in each with probability
     * e/(1+e), 73%: all 40 right about 4 in a million).
     */
    @Test
    public void thePlantedCameraAttackerCannotTellFromTheMapWhereTheRealCamerasAre() throws Exception {
        configure(NO_NOISE);
        int cells = 40;
        for (int a = 0; a < 16; a++) {
            String[] attacker = residentSession("planter" + a + "@registry.example");
            for (int k = 0; k < 10; k++) {
                int i = (a / 4) * 10 + k; // accounts 0-3 plant in cells 0-9, 4-7 in 10-19, ...
                assertEquals(201, register(attacker, 39.20001 + i * 0.005, -94.40001, null).status());
            }
        }
        for (int r = 0; r < 2; r++) {
            String[] real = residentSession("real" + r + "@registry.example");
            for (int i = r * 20; i < r * 20 + 20; i += 2) {
                register(real, 39.20001 + i * 0.005, -94.40001, null);
            }
        }
        newPeriod();
        String box = "-94.401,39.2,-94.399,39.4";
        JsonNode exact = density(box, 250).path("cells");
        for (int i = 0; i < cells; i++) {
            long figure = figureAt(exact, 39.20001 + i * 0.005, -94.40001);
            assertEquals("without noise the floor gives the real cameras away", i % 2 == 0 ? 5 : -1, figure);
        }

        configure(1.0);
        JsonNode noisy = density(box, 250).path("cells");
        assertEquals("the same figures on every query", noisy, density(box, 250).path("cells"));
        int right = 0;
        int exactFigures = 0;
        for (int i = 0; i < cells; i++) {
            long figure = figureAt(noisy, 39.20001 + i * 0.005, -94.40001);
            boolean real = i % 2 == 0;
            right += (figure > 4) == real ? 1 : 0;
            exactFigures += figure == (real ? 5 : 4) ? 1 : 0;
        }
        assertTrue("the attacker's guess was right in " + right + " of " + cells + " cells", right < cells);
        assertTrue(exactFigures + " of " + cells + " figures were the true count", exactFigures < cells);
    }

    @Test
    public void anAgencyMarksARegistrationItMayAskAsVerifiedAndNoOther() {
        String mine = register(resident, LAT, LON, "[\"KCPD\"]").json().path("id").asText();
        String other = register(resident, LAT, LON, "[\"JCSO\"]").json().path("id").asText();
        assertEquals(204, http.send("POST", "/api/agencies/KCPD/registry/cameras/" + mine + "/verified", null, null, officer).status());
        assertTrue(http.get("/api/registry/cameras/" + mine, resident).json().path("verified").asBoolean());
        assertEquals(404, http.send("POST", "/api/agencies/KCPD/registry/cameras/" + other + "/verified", null, null, officer).status());
    }

    private void age(String registration, java.time.Instant confirmedAt) throws Exception {
        try (Connection c = primaryDataSource().getConnection();
                PreparedStatement age = c.prepareStatement("UPDATE registry.camera SET confirmed_at = ? WHERE id = ?");
                PreparedStatement changed = c.prepareStatement(
                        "INSERT INTO registry.camera_change (camera_id, changed_at) VALUES (?, CURRENT_TIMESTAMP)")) {
            age.setTimestamp(1, java.sql.Timestamp.from(confirmedAt));
            age.setObject(2, UUID.fromString(registration));
            age.executeUpdate();
            changed.setObject(1, UUID.fromString(registration));
            changed.executeUpdate();
        }
    }

    /** Sets the density map's epsilon, and waits for the map to answer with it. */
    private void configure(double epsilon) throws Exception {
        Configuration configuration = configAdmin.getConfiguration("org.porchlight.registry", "?");
        Dictionary<String, Object> settings = configuration.getProperties() == null ? new Hashtable<>()
                : configuration.getProperties();
        Object current = settings.get("densityEpsilon");
        if (current != null && Double.parseDouble(current.toString()) == epsilon) {
            return; // updating anyway would restart the registry's resources under the next test
        }
        settings.put("densityEpsilon", epsilon);
        configuration.update(settings);
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class, null);
        ComponentDescriptionDTO registry = scr.getComponentDescriptionDTO(bundle("org.porchlight.registry"),
                "org.porchlight.registry.Registry");
        long deadline = System.nanoTime() + SWAP_TIMEOUT.toNanos();
        while (true) {
            // The registry restarts with its new configuration; then the map answers again, with the new epsilon.
            boolean restarted = scr.getComponentConfigurationDTOs(registry).stream().anyMatch(c -> c.state
                    == ComponentConfigurationDTO.ACTIVE && Double.valueOf(epsilon).equals(c.properties.get("densityEpsilon")));
            if (restarted) {
                Http.Response map = http.get("/api/registry/density?bbox=-94.401,39.2,-94.399,39.201&cell=250");
                if (map.status() == 200 && map.json().path("epsilon").asDouble() == epsilon) {
                    return;
                }
            }
            assertTrue("the registry did not take its new configuration", System.nanoTime() < deadline);
            Thread.sleep(50);
        }
    }

    @After
    public void defaults() throws Exception {
        configure(1.0);
    }

    /** Drops the period's snapshot, so that the next answer counts the registrations as they are now. */
    private void newPeriod() throws Exception {
        try (Connection c = primaryDataSource().getConnection(); var s = c.createStatement()) {
            s.execute("DELETE FROM registry.density_period");
        }
    }

    private JsonNode density(String box, int cell) {
        Http.Response map = http.get("/api/registry/density?bbox=" + box + "&cell=" + cell);
        assertEquals(map.body(), 200, map.status());
        return map.json();
    }

    /** The figure of the published cell holding a point, -1 if it is not shown. */
    private static long figureAt(JsonNode cells, double lat, double lon) {
        for (JsonNode cell : cells) {
            if (cell.path("south").asDouble() <= lat && lat < cell.path("north").asDouble() && cell.path("west").asDouble() <= lon
                    && lon < cell.path("east").asDouble()) {
                return cell.path("owners").asLong();
            }
        }
        return -1;
    }

    private Http.Response register(String[] who, double lat, double lon, String agencies) {
        return http.postJson("/api/registry/cameras", form(lat, lon, agencies, false), who);
    }

    private static String form(double lat, double lon, String agencies, boolean paused) {
        return form(lat, lon, agencies, paused, false);
    }

    private static String form(double lat, double lon, String agencies, boolean paused, boolean exactLocationOk) {
        return "{\"location\":{\"latitude\":" + lat + ",\"longitude\":" + lon + "},\"address\":\"1 Porch Lane\",\"kind\":\"DOORBELL\","
                + "\"recording\":true,\"retentionDays\":30,\"contactOk\":true,\"exactLocationOk\":" + exactLocationOk
                + ",\"paused\":" + paused
                + (agencies == null ? "" : ",\"agencies\":" + agencies) + "}";
    }

    private static String circle(double lat, double lon, double radius) {
        return "{\"type\":\"circle\",\"center\":{\"latitude\":" + lat + ",\"longitude\":" + lon + "},\"radiusMeters\":" + radius + "}";
    }

    private static String rectangle(double[] box) {
        return polygon(new double[][] {{box[0], box[1]}, {box[0], box[3]}, {box[2], box[3]}, {box[2], box[1]}});
    }

    private static String polygon(double[][] vertices) {
        StringBuilder json = new StringBuilder("{\"type\":\"polygon\",\"vertices\":[");
        for (int i = 0; i < vertices.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"latitude\":").append(vertices[i][0]).append(",\"longitude\":")
                    .append(vertices[i][1]).append('}');
        }
        return json.append("]}").toString();
    }

    private Http.Response count(String agency, String area, String[] who) {
        return http.postJson("/api/agencies/" + agency + "/registry/count", area, who);
    }
}
