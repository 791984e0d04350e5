package org.porchlight.itests;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.porchlight.itests.support.Http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The small but complete story that a release writes into an empty data folder through the API,
 * for the next release's upgrade test (docs/operations.md, "Upgrades"): a platform admin, an agency
 * with its jurisdiction and staff, a resident with a camera, a footage request approved and
 * answered with a shared file that the agency downloaded, a press release published, an incentive
 * campaign with a referral, a legal demand, a WatchKC import, and the audit entries of all that.
 *
 * <p>What it made is written down as {@code story.json} ({@link #tell}), which the upgrade test reads
 * back: ids, fingerprints and counts. Every password here is a test-only one, in a test fixture only.
 */
final class UpgradeStory {

    /** Test-only credentials of the fixture's accounts (they open nothing but the fixture). */
    static final String ADMIN_EMAIL = "root@upgrade.example";
    static final String PASSWORD = "upgrade fixture test-only passphrase";

    static final String AGENCY = "KCPD";
    static final String SOURCE = "kc-watchkc";
    private static final double LAT = 39.0997;
    private static final double LON = -94.5786;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Http http;
    private final ObjectNode story = JSON.createObjectNode();
    private final ObjectNode accounts = story.putObject("accounts");

    private UpgradeStory(Http http) {
        this.http = http;
    }

    /**
     * Writes the story into the server behind {@code http}, whose first platform admin is
     * {@link #ADMIN_EMAIL}; {@code home} is its folder (the WatchKC plugin goes into its deploy/).
     */
    static ObjectNode tell(Http http, Path home) throws Exception {
        return new UpgradeStory(http).write(home);
    }

    private ObjectNode write(Path home) throws Exception {
        story.put("password", PASSWORD);
        story.put("writtenAt", Instant.now().toString());
        accounts.put("admin", ADMIN_EMAIL);
        String[] admin = signIn(ADMIN_EMAIL);
        expect(201, http.postJson("/api/agencies", IdentityIT.agency(AGENCY), admin));
        story.put("agency", AGENCY);

        String[] agencyAdmin = staff("agencyAdmin", "admin@kcpd.upgrade.example", "AGENCY_ADMIN", admin);
        String[] officer = staff("officer", "officer@kcpd.upgrade.example", "OFFICER", admin);
        String[] supervisor = staff("supervisor", "sergeant@kcpd.upgrade.example", "SUPERVISOR", admin);
        String[] pio = staff("pio", "pio@kcpd.upgrade.example", "PIO", admin);

        // A resident with a camera in the area.
        String[] resident = resident("resident", "ann@residents.upgrade.example", null);
        JsonNode camera = expect(201, http.postJson("/api/registry/cameras", "{\"location\":{\"latitude\":" + LAT + ",\"longitude\":" + LON
                + "},\"address\":\"1 Porch Lane\",\"kind\":\"DOORBELL\",\"recording\":true,\"retentionDays\":30,\"contactOk\":true,"
                + "\"paused\":false}", resident));
        story.put("camera", camera.path("id").asText());

        footageRequest(officer, supervisor, resident);
        incentives(agencyAdmin);
        press(admin, agencyAdmin, pio);
        legalDemand(officer);
        watchKc(home, agencyAdmin);

        JsonNode verified = expect(200, http.get("/api/audit/verify", admin));
        if (!verified.path("intact").asBoolean()) {
            throw new AssertionError("the release's own audit chain does not verify: " + verified);
        }
        story.put("auditEntries", verified.path("entries").asLong());
        return story;
    }

    /** Drafted, approved by a supervisor (its area needs approval), answered with a shared file, downloaded. */
    private void footageRequest(String[] officer, String[] supervisor, String[] resident) {
        Instant end = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String body = "{\"caseNumber\":\"2026-UPGRADE-1\",\"incidentType\":\"VEHICLE_BREAK_IN\",\"windowStart\":\""
                + end.minus(2, ChronoUnit.HOURS) + "\",\"windowEnd\":\"" + end + "\",\"area\":{\"type\":\"circle\",\"center\":{\"latitude\":"
                + LAT + ",\"longitude\":" + LON + "},\"radiusMeters\":550},\"message\":\"A car was broken into overnight; footage of the "
                + "street between the hours given would help.\"}";
        String request = expect(201, http.postJson("/api/agencies/" + AGENCY + "/requests", body, officer)).path("id").asText();
        String base = "/api/agencies/" + AGENCY + "/requests/" + request;
        expect(200, http.postJson(base + "/submit", "", officer));
        JsonNode approved = expect(200, http.postJson(base + "/approve", "{\"note\":\"Approved for the upgrade fixture.\"}", supervisor));
        if (!"ACTIVE".equals(approved.path("state").asText())) {
            throw new AssertionError("the request is not active: " + approved);
        }
        story.put("request", request);

        JsonNode asked = expect(200, http.get("/api/me/requests", resident));
        String delivery = asked.get(0).path("id").asText();
        byte[] clip = "doorbell clip for the upgrade fixture\n".repeat(200).getBytes(StandardCharsets.UTF_8);
        JsonNode file = expect(201, http.send(HttpRequest.newBuilder(URI.create(http.base() + "/api/me/requests/" + delivery
                + "/files?name=porch.mp4")).header("Content-Type", "video/mp4").POST(HttpRequest.BodyPublishers.ofByteArray(clip)),
                resident));
        expect(200, http.postJson("/api/me/requests/" + delivery + "/answer", "{\"decision\":\"SHARE\",\"files\":[\""
                + file.path("id").asText() + "\"]}", resident));
        story.put("delivery", delivery);
        ObjectNode evidence = story.putObject("evidence");
        evidence.put("id", file.path("id").asText());
        evidence.put("sha256", file.path("sha256").asText());
        evidence.put("size", clip.length);

        Http.Response download = http.get("/api/agencies/" + AGENCY + "/evidence/" + file.path("id").asText() + "/content", officer);
        expect(200, download);
        if (!RequestsContract.sha256(download.body().getBytes(StandardCharsets.UTF_8)).equals(file.path("sha256").asText())) {
            throw new AssertionError("the downloaded evidence differs from the upload");
        }
        JsonNode custody = expect(200, http.get("/api/agencies/" + AGENCY + "/evidence/" + file.path("id").asText() + "/custody", officer));
        evidence.put("custodyEvents", custody.path("events").size());
    }

    /** A campaign with a referral code, and a second resident who signed up with it. */
    private void incentives(String[] agencyAdmin) {
        JsonNode campaign = expect(201, http.postJson("/api/agencies/" + AGENCY + "/incentives/campaigns",
                "{\"name\":\"Doorbell Drive\",\"partner\":\"Acme Doorbells\"}", agencyAdmin));
        JsonNode code = expect(201, http.postJson("/api/agencies/" + AGENCY + "/incentives/campaigns/" + campaign.path("id").asText()
                + "/codes", "{\"label\":\"flyer\",\"startsAt\":\"" + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"endsAt\":\""
                + Instant.now().plus(30, ChronoUnit.DAYS) + "\"}", agencyAdmin));
        story.put("campaign", campaign.path("id").asText());
        story.put("referralCode", code.path("display").asText());
        resident("referred", "bo@residents.upgrade.example", code.path("display").asText());
    }

    /** A vendor's press release with the partnership disclosure, approved by the PIO and published. */
    private void press(String[] admin, String[] agencyAdmin, String[] pio) {
        String vendorEmail = "ops@acme.upgrade.example";
        JsonNode invited = expect(201, http.postJson("/api/vendors", "{\"email\":\"" + vendorEmail + "\",\"displayName\":\"Acme ops\"}", admin));
        activate(invited);
        accounts.put("vendor", vendorEmail);
        String[] vendor = signIn(vendorEmail);
        expect(201, http.postJson("/api/agencies/" + AGENCY + "/press/vendors", "{\"account\":\""
                + invited.path("account").path("id").asText() + "\",\"name\":\"Acme Doorbells Inc.\"}", agencyAdmin));
        String templates = "/api/agencies/" + AGENCY + "/press/templates";
        String release = "{\"kind\":\"PRESS_RELEASE\",\"locale\":\"en-US\",\"title\":\"Cameras for ${agency}\",\"body\":\"Thanks to Acme "
                + "Doorbells, cameras arrive on ${day}.\\n${disclosure}\",\"placeholders\":[{\"name\":\"agency\",\"type\":\"AGENCY_NAME\"},"
                + "{\"name\":\"day\",\"type\":\"DATE\"}],\"values\":{\"day\":\"2026-12-01\"}}";
        String id = expect(201, http.postJson(templates, release, vendor)).path("id").asText();
        expect(200, http.postJson(templates + "/" + id + "/submit", "", vendor));
        expect(200, http.postJson(templates + "/" + id + "/approve", "", pio));
        expect(201, http.postJson(templates + "/" + id + "/publish", "", pio));
        story.put("pressTemplate", id);
    }

    private void legalDemand(String[] officer) {
        LocalDate today = LocalDate.now(ZoneId.of("America/Chicago"));
        String demand = expect(201, http.postJson(LegalIT.demands(AGENCY), LegalIT.demand("WARRANT", null, null), officer)).path("id").asText();
        expect(200, http.postJson(LegalIT.demands(AGENCY) + "/" + demand + "/status", "{\"status\":\"SERVED\",\"issuedOn\":\""
                + today.minusDays(1) + "\",\"on\":\"" + today + "\"}", officer));
        story.put("legalDemand", demand);
    }

    /** The shipped WatchKC plugin imports a three-row feed for the agency. */
    private void watchKc(Path home, String[] agencyAdmin) throws Exception {
        Path feeds = Files.createDirectories(home.resolve("feeds"));
        Files.copy(home.resolve("plugins/porchlight-integration-watchkc.jar"), home.resolve("deploy/watchkc.jar"));
        Files.writeString(home.resolve("etc/org.porchlight.integration.watchkc-kcpd.cfg"), String.join("\n",
                "porchlight.registry.source = " + SOURCE, "porchlight.registry.agency = " + AGENCY, "porchlight.registry.interval = 1",
                "quietSeconds = 0", "folder = " + feeds) + "\n");
        http.await("/api/registry/imports", r -> r.status() == 200 && r.json().path(0).path("available").asBoolean(),
                Duration.ofSeconds(60), agencyAdmin);
        StringBuilder feed = new StringBuilder(RegistryImportContract.HEADER).append('\n');
        for (int i = 1; i <= 3; i++) {
            feed.append(RegistryImportContract.row("WKC-UP-" + i, i + "00 Main St", 39.05 + i * 0.001, "2026-01-01T00:00:00Z", "active"))
                    .append('\n');
        }
        Files.writeString(feeds.resolve(".city.part"), feed);
        Files.move(feeds.resolve(".city.part"), feeds.resolve("city.csv"));
        JsonNode run = http.await("/api/registry/imports/" + SOURCE + "/runs",
                r -> r.status() == 200 && "COMPLETED".equals(r.json().path(0).path("status").asText()), Duration.ofSeconds(60),
                agencyAdmin).json().path(0);
        ObjectNode imported = story.putObject("watchkc");
        imported.put("source", SOURCE);
        imported.put("run", run.path("id").asText());
        imported.put("created", run.path("created").asLong());
        // Stopped before the server is, so that its run is COMPLETED and no sync is cut off.
        Files.delete(home.resolve("deploy/watchkc.jar"));
        http.await("/api/registry/imports", r -> r.status() == 200 && !r.json().path(0).path("available").asBoolean(),
                Duration.ofSeconds(60), agencyAdmin);
    }

    private String[] staff(String role, String email, String staffRole, String[] admin) {
        activate(expect(201, http.postJson("/api/agencies/" + AGENCY + "/staff",
                "{\"email\":\"" + email + "\",\"displayName\":\"" + role + "\",\"role\":\"" + staffRole + "\"}", admin)));
        accounts.put(role, email);
        return signIn(email);
    }

    private String[] resident(String role, String email, String referralCode) {
        expect(202, http.postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\""
                + role + "\"" + (referralCode == null ? "" : ",\"referralCode\":\"" + referralCode + "\"") + "}"));
        accounts.put(role, email);
        return signIn(email);
    }

    private void activate(JsonNode invitation) {
        expect(200, http.postJson("/api/accounts/activate", "{\"token\":\"" + invitation.path("activationToken").asText()
                + "\",\"password\":\"" + PASSWORD + "\"}"));
    }

    private String[] signIn(String email) {
        JsonNode token = expect(200, http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", email,
                "password", PASSWORD)));
        return new String[] {"Authorization", "Bearer " + token.path("access_token").asText()};
    }

    private static JsonNode expect(int status, Http.Response response) {
        if (response.status() != status) {
            throw new AssertionError("expected " + status + ": " + response);
        }
        return response.header("Content-Type").orElse("").contains("json") ? response.json() : JSON.createObjectNode();
    }
}
