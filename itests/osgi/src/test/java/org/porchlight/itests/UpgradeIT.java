package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.FixtureBundles;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.testing.plugin.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An upgrade as docs/operations.md ("Upgrades") describes it: the current distribution started on
 * the data folder (and evidence key) that the previous release wrote, kept as a fixture in
 * itests/upgrade-fixtures/ with the story it wrote ({@link UpgradeStory}). Everything is found,
 * every module's schema is at its current migrations, and a module whose migration fails stays
 * stopped, says why, and leaves the rest running. One start of the server; the methods run in
 * name order because the last ones look at the database after the server stopped.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class UpgradeIT {

    private static final Pattern MIGRATION = Pattern.compile("db/migration/V([0-9._]+)__[^/]*\\.sql");

    private static Path home;
    private static JsonNode story;
    private static ServerProcess server;
    private static Http http;

    @BeforeClass
    public static void startOnThePreviousReleasesData() throws Exception {
        FixtureBundles.buildAll();
        Path fixture = Path.of(System.getProperty("porchlight.upgrade.fixture", "../upgrade-fixtures/v0.1.0.zip")).toAbsolutePath();
        home = Distribution.freshHome("UpgradeIT");
        story = unzip(fixture, home);
        // The fixture stays in the repository for years: its evidence and requests must not reach
        // the end of their retention while it does.
        Files.writeString(home.resolve("etc/org.porchlight.evidence.cfg"), "\nretentionDays = 36500\n", StandardOpenOption.APPEND);
        Files.writeString(home.resolve("etc/org.porchlight.requests.cfg"), "\nrequestRetentionDays = 36500\n", StandardOpenOption.APPEND);
        // A core module whose new migration fails halfway, shipped in system/ as one updated with the server would be.
        withSystemBundle(home, Fixtures.notesBrokenMigration());
        int port = Distribution.freePort();
        server = ServerProcess.start(home, Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(port)));
        server.awaitReady(Duration.ofSeconds(120));
        http = new Http(port);
        http.await("/api/auth/token", r -> r.status() != 404, Duration.ofSeconds(60));
    }

    @AfterClass
    public static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void a_everyAccountOfThePreviousReleaseSignsInWithItsPassword() {
        story.path("accounts").fields().forEachRemaining(account -> signIn(account.getValue().asText()));
        assertEquals("no setup token: the platform admin is there", false, http.get("/api/setup").json().path("required").asBoolean());
    }

    @Test
    public void b_theFootageRequestItsAnswerAndTheSharedEvidenceAreThereAndTheEvidenceVerifies() {
        String[] officer = signIn(story.path("accounts").path("officer").asText());
        String agency = story.path("agency").asText();
        JsonNode request = ok(http.get("/api/agencies/" + agency + "/requests/" + story.path("request").asText(), officer));
        assertEquals(request.toString(), 1, request.path("answers").path("SHARED").asInt());

        String[] resident = signIn(story.path("accounts").path("resident").asText());
        JsonNode delivery = ok(http.get("/api/me/requests/" + story.path("delivery").asText(), resident));
        assertEquals(delivery.toString(), "SHARED", delivery.path("answer").asText());
        ok(http.get("/api/registry/cameras/" + story.path("camera").asText(), resident));

        JsonNode evidence = story.path("evidence");
        String item = "/api/agencies/" + agency + "/evidence/" + evidence.path("id").asText();
        Http.Response content = http.get(item + "/content", officer);
        assertEquals(content.toString(), 200, content.status());
        byte[] bytes = content.body().getBytes(StandardCharsets.UTF_8);
        assertEquals(evidence.path("size").asLong(), bytes.length);
        assertEquals("decrypted with the kept key, the bytes the release received", evidence.path("sha256").asText(),
                RequestsContract.sha256(bytes));
        JsonNode custody = ok(http.get(item + "/custody", officer));
        assertTrue(custody.toString(), custody.path("chainIntact").asBoolean());
        assertEquals(evidence.path("sha256").asText(), custody.path("item").path("sha256").asText());
        JsonNode events = custody.path("events");
        assertTrue("the release's custody events and this download: " + events,
                events.size() >= evidence.path("custodyEvents").asInt() + 1);
        assertEquals("ACCESSED", events.path(events.size() - 1).path("kind").asText());
    }

    @Test
    public void c_pressIncentivesLegalAndImportRecordsAreThere() {
        String agency = story.path("agency").asText();
        JsonNode releases = ok(http.get("/api/public/agencies/" + agency + "/releases"));
        assertEquals(releases.toString(), 1, releases.size());
        String[] pio = signIn(story.path("accounts").path("pio").asText());
        JsonNode template = ok(http.get("/api/agencies/" + agency + "/press/templates/" + story.path("pressTemplate").asText(), pio));
        assertEquals(template.toString(), "PUBLISHED", template.path("state").asText());

        String[] agencyAdmin = signIn(story.path("accounts").path("agencyAdmin").asText());
        assertTrue(ok(http.get("/api/agencies/" + agency + "/incentives/campaigns", agencyAdmin)).toString()
                .contains(story.path("campaign").asText()));
        // The agency's list, not the public check: the code ran out 30 days after the fixture was made.
        JsonNode codes = ok(http.get("/api/agencies/" + agency + "/incentives/campaigns/" + story.path("campaign").asText() + "/codes",
                agencyAdmin));
        assertEquals(codes.toString(), story.path("referralCode").asText(), codes.path(0).path("display").asText());
        assertEquals("the referral took its place", 1, codes.path(0).path("used").asInt());
        JsonNode referral = ok(http.get("/api/me/referral", signIn(story.path("accounts").path("referred").asText())));
        assertEquals(referral.toString(), agency, referral.path("agency").asText());

        JsonNode demand = ok(http.get(LegalIT.demands(agency) + "/" + story.path("legalDemand").asText(),
                signIn(story.path("accounts").path("officer").asText())));
        assertEquals(demand.toString(), "SERVED", demand.path("status").asText());

        JsonNode imported = story.path("watchkc");
        JsonNode run = ok(http.get("/api/registry/imports/" + imported.path("source").asText() + "/runs/" + imported.path("run").asText(),
                agencyAdmin));
        assertEquals(run.toString(), imported.path("created").asLong(), run.path("created").asLong());
    }

    @Test
    public void d_theAuditChainOfThePreviousReleaseVerifiesWithWhatThisOneAdded() {
        JsonNode verified = ok(http.get("/api/audit/verify", signIn(story.path("accounts").path("admin").asText())));
        assertTrue(verified.toString(), verified.path("intact").asBoolean());
        assertTrue(verified.toString(), verified.path("entries").asLong() > story.path("auditEntries").asLong());
    }

    @Test
    public void e_aModuleWhoseMigrationFailsStaysStoppedSaysWhyAndTheRestRuns() {
        assertEquals("its routes are not there", 404, http.get("/api/itest/notes").status());
        Http.Response health = http.get("/api/health");
        assertEquals("a module's schema is not the server's health", 200, health.status());
        assertEquals(health.body(), "DEGRADED", health.json().path("status").asText());
        JsonNode schemas = health.json().path("checks").path("schemas");
        assertEquals(schemas.toString(), "DOWN", schemas.path("status").asText());
        assertTrue(schemas.toString(), schemas.path("details").path("reason").asText().contains(Fixtures.NOTES)
                && schemas.path("details").path("reason").asText().contains("V3__tag_notes_broken.sql"));
        // One line names the module, the schema, the migration and what failed; the stack traces follow it.
        assertTrue(server.stdout(), server.stdout().lines().anyMatch(line -> line.contains(" ERROR ") && line.contains("Module "
                + Fixtures.NOTES + " 3.0.0 is not started: its database schema is not ready: migrations of schema itest_notes from bundle "
                + Fixtures.NOTES + " failed: Migration V3__tag_notes_broken.sql failed (SQL state 42S02, error 42102)")));
        assertEquals("the server and the other modules run on", 200, http.get("/api/public/agencies/" + story.path("agency").asText()
                + "/releases").status());
    }

    @Test
    public void z_afterAStopEverySchemaHasEveryCurrentMigrationAndTheFailedOneLeftWhatItLeft() throws Exception {
        server.terminate();
        assertEquals(server.stdout(), 143, server.awaitExit(Duration.ofSeconds(90)));
        Map<String, Set<String>> shipped = shippedMigrations(home.resolve("system"));
        assertEquals(Set.of("1", "2", "3"), shipped.remove(Fixtures.NOTES_SCHEMA));
        assertTrue(shipped.toString(), shipped.keySet().containsAll(Set.of("store", "identity", "audit", "requests", "evidence")));
        try (Connection c = embeddedDatabase(home)) {
            for (Map.Entry<String, Set<String>> schema : shipped.entrySet()) {
                assertEquals("schema " + schema.getKey() + " has every migration its module ships", schema.getValue(),
                        versions(c, schema.getKey(), true));
                assertEquals("schema " + schema.getKey() + " has no failed migration", Set.of(), versions(c, schema.getKey(), false));
            }
            // What a failed migration leaves on the embedded database (docs/operations.md, "Upgrades").
            assertEquals(Set.of("1", "2"), versions(c, Fixtures.NOTES_SCHEMA, true));
            assertEquals(Set.of("3"), versions(c, Fixtures.NOTES_SCHEMA, false));
            assertEquals("the statement before the failing one stayed applied", 1L, count(c,
                    "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = 'itest_notes' AND table_name = 'note'"
                            + " AND column_name = 'tag'"));
        }
    }

    // ---- the fixture, the shipped migrations and the database file ----

    /** Unpacks the fixture into the home folder as an operator puts back what an upgrade keeps; returns its story. */
    private static JsonNode unzip(Path fixture, Path home) throws IOException {
        JsonNode story = null;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(fixture))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.getName().equals("story.json")) {
                    story = new ObjectMapper().readTree(zip.readAllBytes());
                    continue;
                }
                Path target = home.resolve(entry.getName()).normalize();
                if (!target.startsWith(home) || entry.isDirectory()) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(zip, target);
                if (entry.getName().startsWith("data/secrets/") || entry.getName().endsWith(".key")) {
                    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
                }
            }
        }
        if (story == null) {
            throw new IllegalStateException(fixture + " has no story.json");
        }
        return story;
    }

    /** Replaces the home's link to the distribution's system/ with a folder of links to its jars, and {@code extra}. */
    private static void withSystemBundle(Path home, Path extra) throws IOException {
        Path shipped = home.resolve("system").toRealPath();
        Files.delete(home.resolve("system"));
        Path system = Files.createDirectory(home.resolve("system"));
        try (Stream<Path> jars = Files.list(shipped)) {
            for (Path jar : jars.toList()) {
                Files.createSymbolicLink(system.resolve(jar.getFileName()), jar);
            }
        }
        Files.copy(extra, system.resolve(extra.getFileName()));
    }

    /** Schema name to the versions of the migrations its bundle in system/ ships. */
    private static Map<String, Set<String>> shippedMigrations(Path system) throws IOException {
        Map<String, Set<String>> shipped = new TreeMap<>();
        try (Stream<Path> jars = Files.list(system)) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (JarFile file = new JarFile(jar.toFile())) {
                    String schema = file.getManifest().getMainAttributes().getValue("Porchlight-Schema");
                    if (schema == null) {
                        continue;
                    }
                    Set<String> versions = new TreeSet<>();
                    file.stream().map(e -> MIGRATION.matcher(e.getName())).filter(Matcher::matches)
                            .forEach(m -> versions.add(m.group(1).replace('_', '.')));
                    shipped.put(schema.trim(), versions);
                }
            }
        }
        return shipped;
    }

    private static Set<String> versions(Connection c, String schema, boolean success) throws SQLException {
        Set<String> versions = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT \"version\" FROM " + schema
                + ".schema_history WHERE \"version\" IS NOT NULL AND \"success\" = " + success)) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The stopped server's embedded database, through the H2 driver that the distribution ships (in a
     * class loader of its own: runtime jars on this module's class path would hide missing imports).
     */
    private static Connection embeddedDatabase(Path home) throws Exception {
        Path h2;
        try (Stream<Path> jars = Files.list(home.resolve("system"))) {
            h2 = jars.filter(p -> p.getFileName().toString().startsWith("h2-")).findFirst().orElseThrow();
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {h2.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Driver driver = (Driver) Class.forName("org.h2.Driver", true, loader).getDeclaredConstructor().newInstance();
        Properties credentials = new Properties();
        credentials.put("user", "porchlight");
        credentials.put("password", "");
        return driver.connect("jdbc:h2:file:" + home.resolve("data/db/porchlight") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "IFEXISTS=TRUE", credentials);
    }

    private static String[] signIn(String email) {
        Http.Response token = http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", email,
                "password", story.path("password").asText()));
        assertEquals(email + ": " + token, 200, token.status());
        return new String[] {"Authorization", "Bearer " + token.json().path("access_token").asText()};
    }

    private static JsonNode ok(Http.Response response) {
        assertEquals(response.toString(), 200, response.status());
        return response.json();
    }
}
