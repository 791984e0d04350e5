package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.After;
import org.junit.Test;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.testing.plugin.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Acknowledged writes survive SIGKILL, and a change and its audit trail survive or vanish
 * together. Residents keep changing their cameras from several threads while the server is
 * killed, five times; after each restart every change that was answered 2xx is there, every
 * change that is there has its write-ahead audit entry, every answered change has its outcome
 * entry, no outcome entry names a change that is not there, and the chain verifies. The real
 * distribution on its embedded database (here) and on PostgreSQL ({@link DurabilityKillPostgresIT}).
 *
 * <p>Each writer owns one camera and writes its address "w{writer} #{n}" with n counting up, one
 * request at a time, each with the request id "dur-{run}-{writer}-{n}" that the audit entries keep.
 */
public class DurabilityKillIT {

    private static final int WRITERS = 4;
    private static final int KILLS = 5;
    private static final String ADMIN = PorchlightTestSupport.ADMIN_EMAIL;
    private static final String PASSWORD = PorchlightTestSupport.ADMIN_PASSWORD;
    private static final Pattern WRITE = Pattern.compile("w(\\d+) #(\\d+)");

    private ServerProcess server;

    @After
    public void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void nothingAcknowledgedIsLostAndNoChangeOutlivesItsAuditTrailAcrossFiveKills() throws Exception {
        Path home = Distribution.freshHome(getClass().getSimpleName());
        int port = Distribution.freePort();
        Map<String, String> env = new HashMap<>(Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(port), "PORCHLIGHT_ADMIN_EMAIL", ADMIN,
                "PORCHLIGHT_ADMIN_PASSWORD", PASSWORD));
        env.putAll(database());
        String run = UUID.randomUUID().toString().substring(0, 8);
        server = ServerProcess.start(home, env);
        server.awaitReady(Duration.ofSeconds(120));
        Http http = new Http(port);

        List<String> emails = new ArrayList<>();
        List<String> cameras = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String email = "durable-" + run + "-" + w + "@itest.example";
            assertEquals(202, http.postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                    + "\",\"displayName\":\"D\"}").status());
            emails.add(email);
            Http.Response created = http.postJson("/api/registry/cameras", camera(w, 0), bearer(http, email));
            assertEquals(created.body(), 201, created.status());
            cameras.add(created.json().path("id").asText());
        }

        // On a shared database another test may have left the chain broken on purpose: then no new break may appear.
        JsonNode before = http.get("/api/audit/verify", bearer(http, ADMIN)).json();
        long[] acknowledged = new long[WRITERS];
        long[] sent = new long[WRITERS];
        long acknowledgedInAll = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            long[] roundStart = sent.clone();
            AtomicBoolean stopping = new AtomicBoolean();
            AtomicLong answered = new AtomicLong();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                String[] resident = bearer(http, emails.get(w));
                running.add(writers.submit(() -> {
                    while (!stopping.get()) {
                        long n = sent[writer] + 1;
                        sent[writer] = n;
                        try {
                            Http.Response r = http.send("PUT", "/api/registry/cameras/" + cameras.get(writer), "application/json",
                                    camera(writer, n), concat(resident, "X-Request-Id", requestId(run, writer, n)));
                            if (r.status() / 100 == 2) {
                                acknowledged[writer] = n;
                                answered.incrementAndGet();
                            } else if (r.status() != 503) {
                                throw new AssertionError("write " + n + " of writer " + writer + ": " + r);
                            }
                        } catch (RuntimeException connectionLost) {
                            return null; // the server is gone: what was sent last may or may not be there
                        }
                    }
                    return null;
                }));
            }
            // Kill once every writer has had a few writes answered in this round, in the middle of more.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (answered.get() < 40 * WRITERS && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            server.kill();
            stopping.set(true);
            for (Future<?> f : running) {
                f.get();
            }
            writers.shutdown();
            acknowledgedInAll += answered.get();
            assertTrue("round " + kill + ": writes were answered before the kill (" + answered + ")", answered.get() > 0);

            server = ServerProcess.start(home, env);
            server.awaitReady(Duration.ofSeconds(120));
            Set<String> audited = new HashSet<>();
            Set<String> outcomes = new HashSet<>();
            String[] admin = bearer(http, ADMIN);
            JsonNode export = http.get("/api/audit/export", admin).json();
            for (JsonNode entry : export.path("entries")) {
                String id = entry.path("requestId").asText();
                if (id.startsWith("dur-" + run + "-")) {
                    audited.add(id);
                    if (entry.path("outcome").asText().startsWith("2")) {
                        outcomes.add(id);
                    }
                }
            }
            for (int w = 0; w < WRITERS; w++) {
                JsonNode stored = http.get("/api/registry/cameras/" + cameras.get(w), bearer(http, emails.get(w))).json();
                Matcher m = WRITE.matcher(stored.path("address").asText());
                assertTrue(stored.toString(), m.matches());
                long there = Long.parseLong(m.group(2));
                String round = "kill " + kill + ", writer " + w + ": ";
                assertTrue(round + "acknowledged write " + acknowledged[w] + " lost, found " + there, there >= acknowledged[w]);
                assertTrue(round + "found " + there + " but only " + sent[w] + " were sent", there <= sent[w]);
                if (there > 0) {
                    assertTrue(round + "the change " + there + " survived without its audit entry",
                            audited.contains(requestId(run, w, there)));
                }
                for (long n = roundStart[w] + 1; n <= acknowledged[w]; n++) {
                    assertTrue(round + "answered change " + n + " has no outcome entry", outcomes.contains(requestId(run, w, n)));
                }
                for (long n = there + 1; n <= sent[w]; n++) {
                    assertTrue(round + "an outcome entry names change " + n + ", which is not there",
                            !outcomes.contains(requestId(run, w, n)));
                }
                sent[w] = there; // the next round goes on from what is stored
                acknowledged[w] = Math.min(acknowledged[w], there);
            }
            JsonNode verified = http.get("/api/audit/verify", admin).json();
            if (before.path("intact").asBoolean()) {
                assertTrue("the chain verifies after kill " + kill + ": " + verified, verified.path("intact").asBoolean());
            } else {
                assertEquals("no new break after kill " + kill + ": " + verified, before.path("firstBroken"),
                        verified.path("firstBroken"));
            }
        }
        System.out.println(getClass().getSimpleName() + ": " + KILLS + " kills, " + acknowledgedInAll
                + " acknowledged writes, none lost");
    }

    /** Extra settings of the server, e.g. the database; the embedded one here. */
    protected Map<String, String> database() {
        return Map.of();
    }

    private static String requestId(String run, int writer, long n) {
        return "dur-" + run + "-" + writer + "-" + n;
    }

    private static String camera(int writer, long n) {
        return "{\"location\":{\"latitude\":39.0" + writer + ",\"longitude\":-94.58},\"address\":\"w" + writer + " #" + n + "\","
                + "\"kind\":\"DOORBELL\",\"recording\":true,\"retentionDays\":30,\"contactOk\":true}";
    }

    private static String[] bearer(Http http, String email) {
        Http.Response token = http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", email, "password", PASSWORD));
        assertEquals(token.body(), 200, token.status());
        String access = token.json().path("access_token").asText();
        assertNotNull(access);
        return new String[] {"Authorization", "Bearer " + access};
    }

    private static String[] concat(String[] headers, String name, String value) {
        String[] all = Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = name;
        all[headers.length + 1] = value;
        return all;
    }
}
