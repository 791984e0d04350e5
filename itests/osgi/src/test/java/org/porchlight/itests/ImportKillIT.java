package org.porchlight.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.junit.After;
import org.junit.Test;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Http;
import org.porchlight.testing.plugin.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * A registry import cut off by the server process being killed (SIGKILL, mid-sync) completes
 * after the restart with every registration created exactly once: it resumes from its last
 * checkpoint, or starts over when the embedded database lost the last checkpoints (H2 writes
 * commits to its file up to half a second late; rows already held are then "unchanged"). The real
 * distribution on its embedded database, the WatchKC plugin deployed into deploy/.
 */
public class ImportKillIT {

    private static final String ADMIN = "ops@kill.example";
    private static final String PASSWORD = "import kill test passphrase";
    private static final int TOTAL = 60_000;

    private ServerProcess server;

    @After
    public void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void aSyncKilledMidwayResumesAfterTheRestartWithoutLossOrDuplicates() throws Exception {
        Path home = Distribution.freshHome("ImportKillIT");
        int port = Distribution.freePort();
        Map<String, String> env = Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(port), "PORCHLIGHT_ADMIN_EMAIL", ADMIN,
                "PORCHLIGHT_ADMIN_PASSWORD", PASSWORD);
        // A dead node's lease runs out after 5 s rather than 2 minutes.
        Files.writeString(home.resolve("etc/org.porchlight.registry.cfg"), "\nimportLeaseSeconds = 5\n", StandardOpenOption.APPEND);
        Path feeds = Files.createDirectories(home.resolve("data/agencies/KCPD/feeds"));
        server = ServerProcess.start(home, env);
        server.awaitReady(Duration.ofSeconds(120));
        Http http = new Http(port);
        String[] admin = signIn(http);
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency("KCPD"), admin).status());

        Files.copy(Distribution.folder().resolve("plugins/porchlight-integration-watchkc.jar"), home.resolve("deploy/watchkc.jar"));
        // The agency's feed, configured through the platform (the platform admin acting for KCPD): the configuration
        // lives in the database and is made again on every start.
        http.await("/api/agencies/KCPD/plugins/org.porchlight.integration.watchkc", r -> r.status() == 200,
                Duration.ofSeconds(60), admin);
        Http.Response enabled = http.send("PUT", "/api/agencies/KCPD/plugins/org.porchlight.integration.watchkc",
                "application/json", "{\"enabled\":true,\"settings\":{\"porchlight.registry.interval\":1,\"quietSeconds\":0,"
                        + "\"folder\":\"feeds\"}}", admin);
        assertEquals(enabled.body(), 200, enabled.status());
        http.await("/api/registry/imports", r -> r.status() == 200 && r.json().path(0).path("available").asBoolean(),
                Duration.ofSeconds(60), admin);

        StringBuilder feed = new StringBuilder(RegistryImportContract.HEADER).append('\n');
        for (int i = 0; i < TOTAL; i++) {
            feed.append(RegistryImportContract.row(String.format(Locale.ROOT, "K-%06d", i), i + " Main St", 39.0 + (i % 200) * 0.001,
                    "2026-01-01T00:00:00Z", "active")).append('\n');
        }
        Files.writeString(feeds.resolve(".city.part"), feed);
        Files.move(feeds.resolve(".city.part"), feeds.resolve("city.csv"));

        // Kill the server once the first checkpoints are committed, in the middle of the feed.
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (received(http, admin) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        server.kill();

        server = ServerProcess.start(home, env);
        server.awaitReady(Duration.ofSeconds(120));
        String[] again = signIn(http);
        http.await("/api/registry/imports/kcpd-watchkc/runs",
                r -> r.status() == 200 && "COMPLETED".equals(imports(r.json()).path(0).path("status").asText()),
                Duration.ofSeconds(120), again);
        JsonNode runs = imports(http.get("/api/registry/imports/kcpd-watchkc/runs", again).json());
        JsonNode last = runs.path(0);
        long created = 0;
        for (JsonNode run : runs) {
            created += run.path("created").asLong();
            assertEquals(runs.toString(), 0, run.path("updated").asLong());
        }
        assertEquals("nothing lost, nothing twice: every row created exactly once, " + runs, TOTAL, created);
        if (runs.size() == 2) {
            JsonNode cut = runs.path(1);
            assertEquals(runs.toString(), "INTERRUPTED", cut.path("status").asText());
            assertEquals(cut.path("id").asText(), last.path("resumedFrom").asText());
            assertEquals("the resumed run starts where the killed one stopped", TOTAL - cut.path("received").asLong(),
                    last.path("received").asLong());
        } else {
            assertEquals("the killed run's checkpoints were lost with the process: it started over " + runs, 1, runs.size());
            assertEquals(TOTAL, last.path("received").asLong());
        }
    }

    private static String[] signIn(Http http) {
        Http.Response token = http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", ADMIN, "password", PASSWORD));
        assertEquals(token.body(), 200, token.status());
        return new String[] {"Authorization", "Bearer " + token.json().path("access_token").asText()};
    }

    private static long received(Http http, String[] admin) {
        Http.Response runs = http.get("/api/registry/imports/kcpd-watchkc/runs", admin);
        return runs.status() == 200 ? imports(runs.json()).path(0).path("received").asLong() : 0;
    }

    /** The runs that handed rows over: not the attempts that found the folder empty before the feed arrived (SKIPPED). */
    private static JsonNode imports(JsonNode runs) {
        ArrayNode imports = JsonNodeFactory.instance.arrayNode();
        runs.forEach(run -> {
            if (!"SKIPPED".equals(run.path("status").asText())) {
                imports.add(run);
            }
        });
        return imports;
    }
}
