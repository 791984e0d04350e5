package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import org.junit.Before;
import org.junit.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraOwner;
import org.porchlight.api.registry.CameraRegistry;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The camera registry, run against each database: owners manage their own registrations and
 * nobody else's; agencies get counts inside their jurisdiction and nothing else; the density map
 * suppresses sparse cells; owner matching follows pause, confirmation and the owner's choice of
 * agencies.
 */
public abstract class RegistryContract extends PorchlightTestSupport {

    // KCPD's jurisdiction is a 20 km circle around downtown Kansas City (IdentityIT.agency).
    private static final double LAT = 39.0997;
    private static final double LON = -94.5786;
    private static final String PASSWORD = "registry test passphrase";

    private String[] resident;
    private String[] neighbour;
    private String[] officer;

    @Before
    public void people() throws Exception {
        try (Connection c = primaryDataSource().getConnection(); var s = c.createStatement()) {
            s.execute("DELETE FROM registry.camera");
        }
        String[] admin = asAdmin();
        for (String code : List.of("KCPD", "JCSO")) {
            http.postJson("/api/agencies", IdentityIT.agency(code), admin);
        }
        resident = residentSession("ann@registry.example");
        neighbour = residentSession("bo@registry.example");
        officer = staffSession("KCPD", "officer@kcpd-registry.example", admin);
    }

    @Test
    public void ownersManageTheirOwnRegistrationsAndNobodyElses() {
        Http.Response created = register(resident, LAT, LON, null);
        assertEquals(created.body(), 201, created.status());
        JsonNode camera = created.json();
        String id = camera.path("id").asText();
        assertEquals("the agencies whose jurisdiction holds it, by default", "[\"JCSO\",\"KCPD\"]", camera.path("agencies").toString());
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

        Http.Response count = count("KCPD", circle(LAT, LON, 500), officer);
        assertEquals(count.body(), 200, count.status());
        assertEquals(1, count.json().path("cameras").asLong());

        Http.Response outside = count("KCPD", circle(LAT + 1, LON, 500), officer);
        assertEquals(422, outside.status());
        assertEquals("urn:porchlight:problem:outside-jurisdiction", outside.json().path("type").asText());
        Http.Response tooLarge = count("KCPD", circle(LAT, LON, 5000), officer);
        assertEquals(422, tooLarge.status());
        assertEquals("urn:porchlight:problem:area-too-large", tooLarge.json().path("type").asText());
        assertEquals("another agency's count is out of reach", 404, count("JCSO", circle(LAT, LON, 500), officer).status());

        CameraRegistry registry = service(CameraRegistry.class, null);
        List<CameraOwner> owners = registry.ownersIn(new Circle(new GeoPoint(LAT, LON), 500), "KCPD");
        assertEquals(1, owners.size());
        assertEquals(2, registry.countIn(new Circle(new GeoPoint(LAT, LON), 500), "JCSO"));
    }

    @Test
    public void aRegistrationNotConfirmedFor13MonthsStopsBeingMatchedUntilConfirmed() throws Exception {
        String id = register(resident, LAT, LON, null).json().path("id").asText();
        try (Connection c = primaryDataSource().getConnection();
                PreparedStatement age = c.prepareStatement("UPDATE registry.camera SET confirmed_at = ? WHERE id = ?")) {
            age.setTimestamp(1, java.sql.Timestamp.from(java.time.ZonedDateTime.now().minusMonths(13).minusDays(1).toInstant()));
            age.setObject(2, UUID.fromString(id));
            age.executeUpdate();
        }
        assertEquals(0, count("KCPD", circle(LAT, LON, 300), officer).json().path("cameras").asLong());
        assertFalse(http.get("/api/registry/cameras/" + id, resident).json().path("active").asBoolean());
        assertEquals(200, http.send("POST", "/api/registry/cameras/" + id + "/confirm", null, null, resident).status());
        assertEquals(1, count("KCPD", circle(LAT, LON, 300), officer).json().path("cameras").asLong());
    }

    @Test
    public void theDensityMapShowsOnlyCellsWithEnoughCamerasToEveryone() {
        for (int i = 0; i < 6; i++) {
            register(resident, 39.20001 + i * 0.0001, -94.40001, null); // one 500 m cell, 6 cameras
        }
        for (int i = 0; i < 2; i++) {
            register(neighbour, 39.25001, -94.30001 + i * 0.0001, null); // another, 2 cameras
        }
        Http.Response map = http.get("/api/registry/density?bbox=-94.5,39.1,-94.2,39.3&cell=500");
        assertEquals(map.body(), 200, map.status());
        assertEquals(5, map.json().path("minimum").asInt());
        JsonNode cells = map.json().path("cells");
        assertEquals(map.body(), 1, cells.size());
        assertEquals(6, cells.path(0).path("cameras").asLong());
        assertTrue(cells.path(0).path("south").asDouble() <= 39.20001 && cells.path(0).path("north").asDouble() >= 39.2006);

        assertEquals(400, http.get("/api/registry/density?bbox=-94.5,39.1,-94.2,39.3&cell=10").status());
        assertEquals(400, http.get("/api/registry/density?bbox=-94.2,39.1,-94.5,39.3&cell=500").status());
        assertEquals("too many cells", 400, http.get("/api/registry/density?bbox=-100,30,-90,40&cell=50").status());
    }

    @Test
    public void anAgencyMarksARegistrationItMayAskAsVerifiedAndNoOther() {
        String mine = register(resident, LAT, LON, "[\"KCPD\"]").json().path("id").asText();
        String other = register(resident, LAT, LON, "[\"JCSO\"]").json().path("id").asText();
        assertEquals(204, http.send("POST", "/api/agencies/KCPD/registry/cameras/" + mine + "/verified", null, null, officer).status());
        assertTrue(http.get("/api/registry/cameras/" + mine, resident).json().path("verified").asBoolean());
        assertEquals(404, http.send("POST", "/api/agencies/KCPD/registry/cameras/" + other + "/verified", null, null, officer).status());
    }

    private Http.Response register(String[] who, double lat, double lon, String agencies) {
        return http.postJson("/api/registry/cameras", form(lat, lon, agencies, false), who);
    }

    private static String form(double lat, double lon, String agencies, boolean paused) {
        return "{\"location\":{\"latitude\":" + lat + ",\"longitude\":" + lon + "},\"address\":\"1 Porch Lane\",\"kind\":\"DOORBELL\","
                + "\"recording\":true,\"retentionDays\":30,\"contactOk\":true,\"paused\":" + paused
                + (agencies == null ? "" : ",\"agencies\":" + agencies) + "}";
    }

    private static String circle(double lat, double lon, double radius) {
        return "{\"type\":\"circle\",\"center\":{\"latitude\":" + lat + ",\"longitude\":" + lon + "},\"radiusMeters\":" + radius + "}";
    }

    private Http.Response count(String agency, String area, String[] who) {
        return http.postJson("/api/agencies/" + agency + "/registry/count", area, who);
    }

    private long rows(String sql) {
        try (Connection c = primaryDataSource().getConnection(); var s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private String[] residentSession(String email) {
        http.postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"R\"}");
        return bearer(signIn(email, PASSWORD).path("access_token").asText());
    }

    private String[] staffSession(String agency, String email, String[] admin) {
        Http.Response invited = http.postJson("/api/agencies/" + agency + "/staff",
                "{\"email\":\"" + email + "\",\"displayName\":\"Officer\",\"role\":\"OFFICER\"}", admin);
        if (invited.status() == 201) {
            http.postJson("/api/accounts/activate", "{\"token\":\"" + invited.json().path("activationToken").asText()
                    + "\",\"password\":\"" + PASSWORD + "\"}");
        }
        return bearer(signIn(email, PASSWORD).path("access_token").asText());
    }
}
