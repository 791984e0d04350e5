package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;


import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.inject.Inject;

import jakarta.mail.internet.MimeMessage;


import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.OptionUtils;
import org.porchlight.api.mail.Mailer;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraRegistry;
import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.MailSettings;
import org.porchlight.itests.support.OutboundRanges;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.sun.net.httpserver.HttpServer;

/**
 * Imports from the WatchKC plugin, deployed at runtime into a running server, against each
 * database: the sample feed's good rows import and its bad rows are reported by line and column;
 * importing it again changes nothing; newer rows win and withdrawn ones leave search; the agency
 * reads the reports and nobody else does; a sync cut off by the plugin's bundle stopping resumes
 * at its last checkpoint without losing or duplicating a registration.
 */
public abstract class RegistryImportContract extends PorchlightTestSupport {

    /** The source id the platform gives KCPD's WatchKC configuration: {@code <agency>-<plugin>}. */
    static final String SOURCE = "kcpd-watchkc";
    static final String PLUGIN = "org.porchlight.integration.watchkc";
    private static final String FEED_FOLDER = "itest-feed";
    static final Path SAMPLE = Path.of("src/test/resources/watchkc-sample.csv").toAbsolutePath();
    /** Good rows of the sample whose status is withdrawn. */
    private static final long SAMPLE_WITHDRAWN = 9;
    static final String HEADER = "registration_id,registrant_type,business_name,address,latitude,longitude,camera_count,"
            + "records_video,retention_days,contact_ok,contact_email,contact_phone,updated_at,status";

    @Inject
    private ConfigurationAdmin configAdmin;

    private Bundle plugin;
    private Path folder;
    private String[] agencyAdmin;

    /** Adds a real SMTP server (GreenMail) the tests start, for the claim codes. */
    @Override
    @org.ops4j.pax.exam.Configuration
    public Option[] configuration() {
        return OptionUtils.combine(super.configuration(),
                org.ops4j.pax.exam.CoreOptions.mavenBundle("com.icegreen", "greenmail", "2.1.13"));
    }

    @Before
    public void deployThePlugin() throws Exception {
        try (Connection c = primaryDataSource().getConnection(); var s = c.createStatement()) {
            s.execute("DELETE FROM registry.import_rejection");
            s.execute("DELETE FROM registry.import_run");
            s.execute("DELETE FROM registry.import_source");
            s.execute("DELETE FROM registry.claim"); // PostgreSQL keeps them between runs, and claims are limited per day
        }
        deleteAllCameras();
        String[] admin = asAdmin();
        for (String code : List.of("KCPD", "JCSO")) {
            http.postJson("/api/agencies", IdentityIT.agency(code), admin);
        }
        agencyAdmin = staffSession("KCPD", "admin@kcpd-imports.example", "AGENCY_ADMIN", admin);
        // KCPD's admin enables the WatchKC plugin for the agency, with a folder inside the agency's own.
        folder = Files.createDirectories(Path.of(context.getProperty("porchlight.data"), "agencies", "KCPD", FEED_FOLDER));
        plugin = install(Distribution.folder().resolve("plugins/porchlight-integration-watchkc.jar"));
        configure(1, 0); // the tests rename finished files into place
    }

    @After
    public void removeThePlugin() throws Exception {
        assertEquals(200, http.send("DELETE", plugins(), null, null, agencyAdmin).status());
        // The configuration's deletion reaches the component on Config Admin's thread: uninstalling the
        // bundle meanwhile makes Felix fail the service's unregistration event, and the registry would
        // keep the old provider and refuse the next test's as a second one.
        String filter = "(" + CameraRegistryProvider.SOURCE + "=" + SOURCE + ")";
        for (int i = 0; i < 200 && !context.getServiceReferences(CameraRegistryProvider.class, filter).isEmpty(); i++) {
            Thread.sleep(50);
        }
        plugin.uninstall();
    }

    private static String plugins() {
        return "/api/agencies/KCPD/plugins/" + PLUGIN;
    }

    /** The agency's settings for its feed (the platform sets the source id, the agency and the folder's place). */
    private void choose(String settings) {
        Http.Response chosen = http.send("PUT", plugins(), "application/json", "{\"enabled\":true,\"settings\":" + settings + "}",
                agencyAdmin);
        assertEquals(chosen.body(), 200, chosen.status());
    }

    @Test
    public void theSampleImportsItsGoodRowsReportsItsBadOnesAndImportsOnlyOnce() throws Exception {
        JsonNode first = importAndAwait(Files.readString(SAMPLE), 1);
        assertEquals(first.toString(), "COMPLETED", first.path("status").asText());
        assertEquals(210, first.path("received").asLong() + first.path("rejected").asLong());
        assertEquals(SAMPLE_WITHDRAWN, first.path("withdrawn").asLong());
        assertEquals(200 - SAMPLE_WITHDRAWN, first.path("created").asLong());
        assertEquals(10, first.path("rejected").asLong());
        assertEquals(200, rows("SELECT COUNT(*) FROM registry.camera WHERE source = '" + SOURCE + "'"));

        JsonNode report = http.get("/api/registry/imports/" + SOURCE + "/runs/" + first.path("id").asText(), agencyAdmin).json();
        List<String> rejected = new ArrayList<>();
        for (JsonNode r : report.path("rejections")) {
            rejected.add(r.path("line").asLong() + ":" + r.path("column").asText());
            assertTrue("a reason never repeats the value", !r.path("reason").asText().contains("<script>"));
        }
        assertEquals(List.of("202:latitude", "203:longitude", "204:registration_id", "205:camera_count", "206:updated_at",
                "207:registrant_type", "208:retention_days", "209:contact_email", "210:address", "211:status"), rejected);

        String before = fingerprint();
        JsonNode again = importAndAwait(Files.readString(SAMPLE), 2);
        assertEquals(again.toString(), "COMPLETED", again.path("status").asText());
        assertEquals(200, again.path("unchanged").asLong());
        assertEquals(0, again.path("created").asLong() + again.path("updated").asLong() + again.path("withdrawn").asLong());
        assertEquals("importing the same feed twice changes nothing", before, fingerprint());

        // The metrics endpoint counts runs and rows (other tests of this class may have imported too).
        Map<String, Double> metrics = MetricsIT.parse(http.get("/metrics", asAdmin()).body());
        assertTrue(metrics.getOrDefault("porchlight_registry_import_runs_total{outcome=\"COMPLETED\"}", 0.0) >= 2);
        assertTrue(metrics.getOrDefault("porchlight_registry_import_rows_total{result=\"unchanged\"}", 0.0) >= 200);
        assertTrue(metrics.getOrDefault("porchlight_registry_import_rows_total{result=\"rejected\"}", 0.0) >= 20);
        assertTrue(metrics.getOrDefault("porchlight_registry_import_rows_total{result=\"created\"}", 0.0) >= 200 - SAMPLE_WITHDRAWN);
    }

    @Test
    public void newerRowsWinOlderOnesChangeNothingAndWithdrawnOnesLeaveSearch() throws Exception {
        // Three cameras within 300 m of each other, inside KCPD's jurisdiction.
        importAndAwait(feed(row("K-1", "1 Oak St", 39.1000, "2026-01-01T00:00:00Z", "active"),
                row("K-2", "2 Oak St", 39.1001, "2026-01-01T00:00:00Z", "active"),
                row("K-3", "3 Oak St", 39.1002, "2026-01-01T00:00:00Z", "active")), 1);
        assertEquals(3, count());
        // Agencies are told no number for them: three unclaimed registrations are three owners, fewer than five.
        Http.Response agencyCount = agencyCount();
        assertEquals(agencyCount.body(), 200, agencyCount.status());
        assertTrue(agencyCount.body(), agencyCount.json().path("suppressed").asBoolean());

        JsonNode run = importAndAwait(feed(row("K-1", "1 Newer St", 39.1000, "2026-02-01T00:00:00Z", "active"),
                row("K-2", "2 Older St", 39.1001, "2025-12-01T00:00:00Z", "active"),
                row("K-3", "3 Oak St", 39.1002, "2026-02-01T00:00:00Z", "withdrawn")), 2);
        assertEquals(run.toString(), 1, run.path("updated").asLong());
        assertEquals(1, run.path("unchanged").asLong());
        assertEquals(1, run.path("withdrawn").asLong());
        assertEquals(1, rows("SELECT COUNT(*) FROM registry.camera WHERE external_key = 'K-1' AND address = '1 Newer St'"));
        assertEquals(1, rows("SELECT COUNT(*) FROM registry.camera WHERE external_key = 'K-2' AND address = '2 Oak St'"));
        assertEquals("a withdrawn registration keeps no contact details", 0,
                rows("SELECT COUNT(*) FROM registry.camera WHERE external_key = 'K-3' AND contact_email IS NOT NULL"));
        assertEquals("withdrawn is out of search", 2, count());
    }

    @Test
    public void onlyTheAgencyThatRunsASourceReadsItsReports() throws Exception {
        String run = importAndAwait(feed(row("K-1", "1 Oak St", 39.1, "2026-01-01T00:00:00Z", "active")), 1).path("id").asText();
        String[] admin = asAdmin();
        String[] otherAgency = staffSession("JCSO", "admin@jcso-imports.example", "AGENCY_ADMIN", admin);
        String[] officer = staffSession("KCPD", "officer@kcpd-imports.example", "OFFICER", admin);
        String path = "/api/registry/imports/" + SOURCE + "/runs/" + run;
        assertEquals(200, http.get(path, agencyAdmin).status());
        assertEquals(200, http.get(path, admin).status());
        assertEquals("another agency's source does not exist for it", 404, http.get(path, otherAgency).status());
        assertEquals(0, http.get("/api/registry/imports", otherAgency).json().size());
        assertEquals(403, http.get(path, officer).status());
        JsonNode sources = http.get("/api/registry/imports", agencyAdmin).json();
        assertEquals(sources.toString(), SOURCE, sources.path(0).path("source").asText());
        assertTrue(sources.path(0).path("available").asBoolean());
        assertEquals(202, http.send("POST", "/api/registry/imports/" + SOURCE + "/sync", null, null, agencyAdmin).status());
        assertEquals(404, http.send("POST", "/api/registry/imports/" + SOURCE + "/sync", null, null, otherAgency).status());
    }

    @Test
    public void aResidentClaimsTheRegistrationsOfTheirAddressWithACodeMailedToIt() throws Exception {
        int port = Distribution.freePort();
        GreenMail smtp = MailSettings.startSmtp(port);
        Configuration mail = configAdmin.getConfiguration("org.porchlight.mail.smtp", "?");
        try {
            mail.update(MailSettings.smtp(port));
            service(Mailer.class, null);

            importAndAwait(feed(row("C-1", "1 Claim St", 39.1000, "2026-01-01T00:00:00Z", "active").replace("c-1@", "claimant@"),
                    row("C-2", "2 Claim St", 39.1001, "2026-01-01T00:00:00Z", "active").replace("c-2@", "claimant@"),
                    row("C-3", "3 Other St", 39.1002, "2026-01-01T00:00:00Z", "active")), 1);
            String[] resident = residentSession("claimant@residents.example");
            String[] stranger = residentSession("stranger@residents.example");

            Http.Response nothing = http.postJson("/api/registry/claims", "{\"email\":\"nobody@owners.example\"}", resident);
            Http.Response asked = http.postJson("/api/registry/claims", "{\"email\":\"Claimant@Owners.example\"}", resident);
            assertEquals(asked.body(), 202, asked.status());
            assertEquals("the same answer whether or not the address has registrations", nothing.body(), asked.body());
            assertTrue(smtp.waitForIncomingEmail(20_000, 1));
            Thread.sleep(1_000);
            // Only the claim mails: with a mail server, the e-mail channel also mails residents' notifications
            // (on PostgreSQL, those of earlier tests' residents).
            List<MimeMessage> sent = new ArrayList<>();
            for (MimeMessage message : smtp.getReceivedMessages()) {
                String to = message.getAllRecipients()[0].toString();
                if (to.endsWith("@owners.example")) {
                    sent.add(message);
                }
            }
            assertEquals("no mail to an address without registrations", 1, sent.size());
            assertEquals("claimant@owners.example", sent.get(0).getAllRecipients()[0].toString());
            Matcher code = Pattern.compile("[A-Z2-9]{4}-[A-Z2-9]{4}").matcher(GreenMailUtil.getBody(sent.get(0)));
            assertTrue(code.find());

            assertEquals(422, http.postJson("/api/registry/claims/confirm", "{\"code\":\"AAAA-AAAA\"}", resident).status());
            assertEquals("a code is only good for the account that asked", 422,
                    http.postJson("/api/registry/claims/confirm", "{\"code\":\"" + code.group() + "\"}", stranger).status());
            Http.Response claimed = http.postJson("/api/registry/claims/confirm",
                    "{\"code\":\"" + code.group().toLowerCase(Locale.ROOT).replace("-", "") + "\"}", resident);
            assertEquals(claimed.body(), 200, claimed.status());
            assertEquals(2, claimed.json().path("claimed").asInt());
            JsonNode mine = http.get("/api/registry/cameras", resident).json();
            assertEquals(2, mine.size());
            assertEquals(SOURCE, mine.path(0).path("source").asText());
            assertEquals("redeemed once", 422,
                    http.postJson("/api/registry/claims/confirm", "{\"code\":\"" + code.group() + "\"}", resident).status());

            // The owner controls it now: the source's changes no longer apply, and deleting it is for good.
            String first = mine.path(0).path("id").asText();
            assertEquals(204, http.send("DELETE", "/api/registry/cameras/" + first, null, null, resident).status());
            JsonNode later = importAndAwait(feed(row("C-1", "1 Changed St", 39.1000, "2026-03-01T00:00:00Z", "active"),
                    row("C-2", "2 Changed St", 39.1001, "2026-03-01T00:00:00Z", "active")), 2);
            assertEquals(later.toString(), 2, later.path("claimed").asLong());
            assertEquals(0, rows("SELECT COUNT(*) FROM registry.camera WHERE address LIKE '%Changed%'"));
            assertEquals("the deleted one keeps no personal data", 1,
                    rows("SELECT COUNT(*) FROM registry.camera WHERE id = '" + first + "' AND address = '' AND owner_id IS NULL "
                            + "AND contact_email IS NULL AND withdrawn = TRUE"));
            assertEquals(1, http.get("/api/registry/cameras", resident).json().size());
        } finally {
            mail.delete();
            smtp.stop();
        }
    }

    @Test
    public void aSyncCutOffByTheBundleStoppingResumesAtItsLastCheckpoint() throws Exception {
        int total = 40_000;
        StringBuilder big = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < total; i++) {
            big.append(row(String.format(Locale.ROOT, "B-%06d", i), i + " Main St", 39.0 + (i % 200) * 0.001,
                    "2026-01-01T00:00:00Z", "active")).append('\n');
        }
        Files.writeString(folder.resolve(".big.part"), big);
        Files.move(folder.resolve(".big.part"), folder.resolve("big.csv"));

        // Stop the plugin once the first checkpoints are committed, in the middle of the feed.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (rows("SELECT COALESCE(SUM(received), 0) FROM registry.import_run") == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        plugin.stop();
        JsonNode cut = imports().path(0);
        assertEquals(cut.toString(), "INTERRUPTED", cut.path("status").asText());
        long committed = cut.path("received").asLong();
        assertTrue("stopped midway: " + committed, committed > 0 && committed < total);
        assertEquals(committed, rows("SELECT COUNT(*) FROM registry.camera"));

        plugin.start();
        JsonNode resumed = awaitRuns(2).path(0);
        assertEquals(resumed.toString(), "COMPLETED", resumed.path("status").asText());
        assertEquals(cut.path("id").asText(), resumed.path("resumedFrom").asText());
        assertEquals("the resumed run starts where the cut one stopped", total - committed, resumed.path("received").asLong());
        assertEquals("nothing lost, nothing twice", total, rows("SELECT COUNT(*) FROM registry.camera"));
        assertEquals(total, rows("SELECT COUNT(DISTINCT external_key) FROM registry.camera"));
    }

    @Test
    public void everySyncAttemptIsARunWithItsStateAndReasonAndTheSummaryShowsTheLatest() throws Exception {
        configure(3600, 3600); // syncs only when asked (and once at the start); every file is "fresh"
        awaitLatest("SKIPPED", "the folder holds no .csv feed");
        JsonNode empty = runs().path(0);
        int attempts = empty.path("attempts").asInt();
        for (int asked = 0; asked < 3; asked++) {
            // A request while a sync runs joins it; ask until the count moves.
            int before = attempts;
            for (int i = 0; i < 150 && attempts == before; i++) {
                assertEquals(202, http.send("POST", "/api/registry/imports/" + SOURCE + "/sync", null, null, agencyAdmin)
                        .status());
                sleep();
                attempts = runs().path(0).path("attempts").asInt();
            }
        }
        JsonNode all = runs();
        assertEquals("identical attempts in a row are one run: " + all, 1, all.size());
        assertEquals(empty.path("id").asText(), all.path(0).path("id").asText());
        assertTrue(all.toString(), all.path(0).path("attempts").asInt() >= empty.path("attempts").asInt() + 3);
        assertEquals("SKIPPED", all.path(0).path("status").asText());
        assertEquals("SKIPPED", summary().path("latestRun").path("status").asText());

        Files.writeString(folder.resolve("broken.csv"), HEADER.replace(",status", "") + "\n");
        assertEquals(202, http.send("POST", "/api/registry/imports/" + SOURCE + "/sync", null, null, agencyAdmin).status());
        JsonNode fresh = awaitLatest("SKIPPED", "1 feed(s) modified within the last 3600 s");
        assertTrue(fresh.toString(), fresh.path("error").asText().contains("broken.csv"));

        configure(3600, 0); // the feed is read now: its columns are missing
        JsonNode failed = awaitLatest("FAILED", null);
        String error = failed.path("error").asText();
        assertTrue(error, error.contains("broken.csv") && error.contains("has no column status") && error.contains("failed/"));
        assertEquals(0, failed.path("received").asLong());
        JsonNode source = summary();
        assertEquals("the summary shows the latest attempt, not an older run", "FAILED",
                source.path("latestRun").path("status").asText());
        assertEquals(error, source.path("latestRun").path("error").asText());
        Http.Response detail = http.get("/api/registry/imports/" + SOURCE + "/runs/" + failed.path("id").asText(), agencyAdmin);
        assertEquals(detail.body(), "FAILED", detail.json().path("status").asText());
        String[] otherAgency = staffSession("JCSO", "admin@jcso-attempts.example", "AGENCY_ADMIN", asAdmin());
        assertEquals(404, http.get("/api/registry/imports/" + SOURCE + "/runs/" + failed.path("id").asText(), otherAgency)
                .status());

        Files.writeString(folder.resolve(".good.part"), feed(row("K-1", "1 Oak St", 39.1, "2026-01-01T00:00:00Z", "active")));
        Files.move(folder.resolve(".good.part"), folder.resolve("good.csv"));
        assertEquals(202, http.send("POST", "/api/registry/imports/" + SOURCE + "/sync", null, null, agencyAdmin).status());
        JsonNode completed = awaitLatest("COMPLETED", null);
        assertEquals(1, completed.path("created").asLong());
        assertEquals("COMPLETED", summary().path("latestRun").path("status").asText());
        List<String> states = new ArrayList<>();
        runs().forEach(r -> states.add(r.path("status").asText()));
        assertEquals(List.of("COMPLETED", "FAILED", "SKIPPED", "SKIPPED"), states);
    }

    /**
     * A URL feed on 127.0.0.1 is refused (nothing reaches the server) until the platform admin
     * allows that address; a redirect to another loopback address is refused even then.
     */
    @Test
    public void aUrlFeedReachesOnlyAddressesThePlatformAllowsRedirectsIncluded() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        byte[] sample = Files.readAllBytes(SAMPLE);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            if (exchange.getRequestURI().getPath().equals("/moved")) {
                int port = exchange.getLocalAddress().getPort();
                exchange.getResponseHeaders().set("Location", "http://127.0.0.5:" + port + "/feed.csv");
                exchange.sendResponseHeaders(302, -1);
            } else {
                exchange.sendResponseHeaders(200, sample.length);
                exchange.getResponseBody().write(sample);
            }
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        try {
            OutboundRanges.allow(configAdmin, context);
            configureUrl(base + "/feed.csv");
            awaitLatest("FAILED", "the feed's address 127.0.0.1 is loopback, which the server does not connect to");
            assertEquals("nothing reached the feed's server", 0, requests.get());

            OutboundRanges.allow(configAdmin, context, "127.0.0.1/32");
            JsonNode imported = awaitLatest("COMPLETED", null);
            assertEquals(210, imported.path("received").asLong() + imported.path("rejected").asLong());

            configureUrl(base + "/moved");
            awaitLatest("FAILED", "the feed's address 127.0.0.5 is loopback, which the server does not connect to");
        } finally {
            OutboundRanges.allow(configAdmin, context);
            server.stop(0);
        }
    }

    /** Turns the folder feed into a URL feed. */
    private void configureUrl(String url) {
        choose("{\"porchlight.registry.interval\":1,\"url\":\"" + url + "\"}");
    }

    /** Reconfigures the feed: seconds between scheduled syncs, and how long a file must be left alone before it is read. */
    private void configure(int interval, int quietSeconds) {
        choose("{\"porchlight.registry.interval\":" + interval + ",\"folder\":\"" + FEED_FOLDER + "\",\"quietSeconds\":"
                + quietSeconds + "}");
        // The plugin's component is replaced on Config Admin's thread; wait for the new provider so that no request
        // reaches the old one as it goes.
        String filter = "(&(" + CameraRegistryProvider.SOURCE + "=" + SOURCE + ")(quietSeconds=" + quietSeconds
                + ")(" + CameraRegistryProvider.INTERVAL + "=" + interval + "))";
        try {
            for (int i = 0; i < 600 && context.getServiceReferences(CameraRegistryProvider.class, filter).isEmpty(); i++) {
                sleep();
            }
            assertFalse("the reconfigured provider is registered", context.getServiceReferences(CameraRegistryProvider.class,
                    filter).isEmpty());
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode summary() {
        JsonNode sources = http.get("/api/registry/imports", agencyAdmin).json();
        assertEquals(sources.toString(), SOURCE, sources.path(0).path("source").asText());
        return sources.path(0);
    }

    /** Waits until the newest run (any state) has {@code status}, a reason starting with {@code reason} (if given). */
    private JsonNode awaitLatest(String status, String reason) {
        return awaitLatest(status, reason, 1);
    }

    private JsonNode awaitLatest(String status, String reason, int attempts) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode latest = null;
        while (System.nanoTime() < deadline) {
            latest = runs().path(0);
            if (status.equals(latest.path("status").asText())
                    && (reason == null || latest.path("error").asText().startsWith(reason))
                    && latest.path("attempts").asInt() >= attempts) {
                return latest;
            }
            sleep();
        }
        throw new AssertionError("no " + status + " run (" + reason + ", " + attempts + " attempts): " + latest);
    }

    /** Drops a feed into the watched folder and waits until there are {@code runs} runs, the last finished. */
    private JsonNode importAndAwait(String csv, int runs) throws IOException {
        Path part = folder.resolve(".feed-" + runs + ".part");
        Files.writeString(part, csv, StandardCharsets.UTF_8);
        Files.move(part, folder.resolve("feed-" + runs + ".csv"));
        return awaitRuns(runs).path(0);
    }

    /**
     * Waits as long as the newest run keeps taking in rows: these tests are about what an import
     * writes, not how fast, and a loaded CI machine once took over two minutes for 40,000 rows.
     */
    private JsonNode awaitRuns(int runs) {
        Duration stalled = Duration.ofSeconds(60);
        long deadline = System.nanoTime() + stalled.toNanos();
        long rows = -1;
        while (System.nanoTime() < deadline) {
            JsonNode list = imports();
            if (list.size() >= runs && !list.path(0).path("finishedAt").isNull() && !list.path(0).path("finishedAt").isMissingNode()) {
                return list;
            }
            // A batch adds its rows to "received" or, when refused, to "rejected": either is progress.
            long seen = list.size() >= runs ? list.path(0).path("received").asLong() + list.path(0).path("rejected").asLong() : -1;
            if (seen > rows) {
                rows = seen;
                deadline = System.nanoTime() + stalled.toNanos();
            }
            sleep();
        }
        throw new AssertionError("no finished run " + runs + " and no progress for " + stalled.toSeconds() + " s: " + runs());
    }

    private JsonNode runs() {
        Http.Response r = http.get("/api/registry/imports/" + SOURCE + "/runs", agencyAdmin);
        return r.status() == 200 ? r.json() : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    }

    /** The runs that handed something over, newest first: the attempts skipped while the folder is empty left out. */
    private JsonNode imports() {
        var found = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        runs().forEach(r -> {
            if (!"SKIPPED".equals(r.path("status").asText())) {
                found.add(r);
            }
        });
        return found;
    }

    /** The cameras KCPD's requests would match within 300 m (the registry's exact matching, not an agency's count). */
    private long count() throws Exception {
        return service(CameraRegistry.class, null).countIn(new Circle(new GeoPoint(39.1001, -94.5786), 300), "KCPD");
    }

    private Http.Response agencyCount() {
        String[] officer = staffSession("KCPD", "counter@kcpd-imports.example", "OFFICER", asAdmin());
        return http.postJson("/api/agencies/KCPD/registry/count", "{\"type\":\"circle\",\"center\":{\"latitude\":39.1001,"
                + "\"longitude\":-94.5786},\"radiusMeters\":300}", officer);
    }

    private static String feed(String... rows) {
        return HEADER + "\n" + String.join("\n", rows) + "\n";
    }

    static String row(String key, String address, double latitude, String updatedAt, String status) {
        return key + ",residence,,\"" + address + "\"," + latitude + ",-94.5786,1,yes,30,yes," + key.toLowerCase(Locale.ROOT)
                + "@owners.example,," + updatedAt + "," + status;
    }

    /** Every imported row's data and times: equal fingerprints, nothing changed. */
    private String fingerprint() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection c = primaryDataSource().getConnection(); var s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, external_key, address, latitude, longitude, withdrawn, confirmed_at, "
                        + "updated_at, source_updated_at FROM registry.camera ORDER BY external_key")) {
            while (rs.next()) {
                for (int i = 1; i <= 9; i++) {
                    all.append(rs.getString(i)).append('|');
                }
                all.append('\n');
            }
        }
        assertNotEquals("", all.toString());
        return all.toString();
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
