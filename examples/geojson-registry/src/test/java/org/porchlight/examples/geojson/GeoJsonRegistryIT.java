package org.porchlight.examples.geojson;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.porchlight.testing.plugin.PorchlightServer;
import org.porchlight.testing.plugin.PortalClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

/**
 * The signed plugin in the real distribution with two factory configurations, one per source: a feed file the
 * test writes, and a feed URL on a loopback HTTP server. The agency reads the import reports and triggers imports
 * through the REST API, as its staff would, and counts the imported cameras.
 */
class GeoJsonRegistryIT {

    private static final String FILE_SOURCE = "test-geojson";
    private static final String URL_SOURCE = "test-geojson-url";
    private static final Path FEED = Path.of("target/geojson-it/cameras.geojson").toAbsolutePath();
    private static final String IMPORTS = "/api/registry/imports/";
    private static final long WAIT_MILLIS = 60_000;

    private static final AtomicInteger fetches = new AtomicInteger();
    private static HttpServer publisher;
    private static PorchlightServer server;

    @BeforeAll
    static void start() throws IOException {
        Files.createDirectories(FEED.getParent());
        Files.writeString(FEED, nearbyCameras(false));
        byte[] published = Features.collection(Features.camera("url-1", 39.15, -94.55, ""),
                Features.camera("url-2", 39.151, -94.55, "")).getBytes(StandardCharsets.UTF_8);
        publisher = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        publisher.createContext("/cameras.geojson", exchange -> {
            fetches.incrementAndGet();
            exchange.getResponseHeaders().set("Content-Type", "application/geo+json");
            exchange.sendResponseHeaders(200, published.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(published);
            }
        });
        publisher.start();
        String url = "http://127.0.0.1:" + publisher.getAddress().getPort() + "/cameras.geojson";
        server = PorchlightServer.builder()
                // The publisher runs on this machine: allowed as a platform admin would allow it.
                .allowOutbound("127.0.0.1/32")
                .configuration("org.porchlight.examples.geojson-file.cfg", source(FILE_SOURCE, "file = " + FEED))
                .configuration("org.porchlight.examples.geojson-url.cfg", source(URL_SOURCE, "url = " + url))
                .start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (publisher != null) {
            publisher.stop(0);
        }
    }

    @Test
    void theAgencyReadsTheImportsOfItsFeedAndCountsTheCamerasAsTheFeedChanges() throws IOException {
        JsonNode first = awaitRun(FILE_SOURCE, run -> "COMPLETED".equals(run.path("status").asText()));
        assertThat(first.path("created").asLong()).as(first.toString()).isEqualTo(6);
        assertThat(first.path("withdrawn").asLong()).isEqualTo(1);
        assertThat(first.path("rejected").asLong()).isEqualTo(2);

        PortalClient.Response report = server.agencyAdmin().get(IMPORTS + FILE_SOURCE + "/runs/" + first.path("id").asText());
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        List<String> rejections = new ArrayList<>();
        report.json().path("rejections").forEach(r -> rejections.add(r.path("line").asLong() + ":" + r.path("column").asText()
                + ": " + r.path("reason").asText()));
        assertThat(rejections).containsExactly("9:geometry: is required: a Point",
                "10:geometry.coordinates: latitude must be between -90 and 90");

        assertThat(count()).isEqualTo(6);

        // The agency asks for an import of the unchanged feed: nothing is handed over, and the report says why.
        syncNow(FILE_SOURCE);
        JsonNode skipped = awaitRun(FILE_SOURCE, run -> "SKIPPED".equals(run.path("status").asText()));
        assertThat(skipped.path("error").asText()).isEqualTo("the feed is the same as at the last import (same SHA-256)");

        // The owner of cam-6 left the programme: the next export says so with a newer updated_at.
        Path next = Files.writeString(FEED.resolveSibling("cameras.geojson.part"), nearbyCameras(true));
        Files.move(next, FEED, StandardCopyOption.ATOMIC_MOVE);
        syncNow(FILE_SOURCE);
        JsonNode changed = awaitRun(FILE_SOURCE, run -> "COMPLETED".equals(run.path("status").asText())
                && run.path("withdrawn").asLong() == 1 && run.path("created").asLong() == 0);
        assertThat(changed.path("unchanged").asLong()).as(changed.toString()).isEqualTo(6);
        assertThat(count()).isEqualTo(5);
    }

    @Test
    void aUrlFeedIsFetchedFromItsServerAsASecondSourceOfTheAgency() {
        JsonNode run = awaitRun(URL_SOURCE, r -> "COMPLETED".equals(r.path("status").asText()));
        assertThat(run.path("created").asLong()).as(run.toString()).isEqualTo(2);
        assertThat(fetches.get()).isPositive();

        PortalClient.Response sources = server.agencyAdmin().get("/api/registry/imports");
        assertThat(sources.json().findValuesAsText("source")).contains(FILE_SOURCE, URL_SOURCE);
        assertThat(sources.json().findValuesAsText("available")).containsOnly("true");
    }

    @Test
    void theServerRunsThePluginAsSignedByItsVendor() {
        PortalClient.Response modules = server.platformAdmin().get("/api/admin/modules");
        assertThat(modules.status()).as(modules.toString()).isEqualTo(200);
        JsonNode module = StreamSupport.stream(modules.json().path("modules").spliterator(), false)
                .filter(m -> "org.porchlight.examples.geojson".equals(m.path("symbolicName").asText())).findFirst().orElseThrow();
        assertThat(module.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(module.path("provenance").asText()).isEqualTo("vendor");
        assertThat(module.path("publisher").asText()).isEqualTo("porchlight-examples");
    }

    /** The configuration file of one source of agency TEST; syncs only when asked (and once when it appears). */
    private static String source(String id, String feed) {
        return "porchlight.registry.source = " + id + "\nporchlight.registry.agency = " + PorchlightServer.AGENCY
                + "\nporchlight.registry.interval = 3600\n" + feed + "\n";
    }

    /** Seven cameras within 150 m in TEST's jurisdiction (the seventh withdrawn), then two bad features, lines 9 and 10. */
    private static String nearbyCameras(boolean sixthWithdrawn) {
        List<String> features = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String status = i == 7 || (i == 6 && sixthWithdrawn) ? ",\"status\":\"withdrawn\"" : "";
            String camera = Features.camera("cam-" + i, 39.0997 + i * 0.0002, -94.5786, ",\"contact_ok\":true" + status);
            features.add(i == 6 && sixthWithdrawn ? camera.replace("2026-11-01T10:00:00Z", "2026-11-02T10:00:00Z") : camera);
        }
        features.add(Features.camera("no-geometry").replaceFirst("\"geometry\":\\{[^}]*\\}", "\"geometry\":null"));
        features.add(Features.camera("off-the-map", 95.2, -94.5786, ""));
        return Features.collection(features.toArray(String[]::new));
    }

    private static void syncNow(String source) {
        PortalClient.Response accepted = server.agencyAdmin().post(IMPORTS + source + "/sync", "");
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    }

    /** What an officer's count of the cameras around the feed's cameras answers (at least 5 owners, or withheld). */
    private static long count() {
        Map<String, Object> area = Map.of("type", "circle", "center", Map.of("latitude", 39.1005, "longitude", -94.5786),
                "radiusMeters", 300);
        PortalClient.Response count = server.officer().post("/api/agencies/" + PorchlightServer.AGENCY + "/registry/count", area);
        assertThat(count.status()).as(count.toString()).isEqualTo(200);
        assertThat(count.json().path("suppressed").asBoolean()).as(count.toString()).isFalse();
        return count.json().path("cameras").asLong();
    }

    /** Waits for the source's newest run that matches, as its agency admin sees the runs. */
    private static JsonNode awaitRun(String source, Predicate<JsonNode> wanted) {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        PortalClient.Response runs = null;
        while (System.currentTimeMillis() < deadline) {
            runs = server.agencyAdmin().get(IMPORTS + source + "/runs");
            if (runs.status() == 200) {
                for (JsonNode run : runs.json()) {
                    if (wanted.test(run)) {
                        return run;
                    }
                }
            }
            pause();
        }
        throw new AssertionError("no such run of " + source + "; last answer: " + runs);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
