package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;
import static org.porchlight.itests.BackupRestoreIT.bearer;
import static org.porchlight.itests.BackupRestoreIT.upload;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.After;
import org.junit.Test;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.FixtureBundles;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.S3Proxies;
import org.porchlight.itests.support.SharedPostgres;
import org.porchlight.testing.plugin.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Two nodes of the real distribution on one PostgreSQL database, as docs/operations.md ("A cluster")
 * sets them up: the token signing and pseudonym key files shared, evidence in one S3 bucket (an
 * s3proxy the test starts), the evidence master key in the environment, each node with its own data folder and audit checkpoint
 * key. The database is made for the run (and dropped after it), so both nodes start at once on an
 * empty one and run every migration against each other.
 *
 * <p>Across the nodes: a token from one works on the other, a new signing key too; a new password
 * or a disabled member of staff on one is refused on the other at once; a registration on one
 * counts on the other at once; failed sign-ins on both block the address on both. Then a mixed load
 * through both (residents' camera writes alternating between the nodes,
 * witnesses uploading on one node and sharing on the other, a fan-out of 20,000 notifications
 * installed on each node through its deploy/ folder) while one node is killed with SIGKILL and
 * started again: no acknowledged write is lost, every resident has the notification exactly once and
 * the external channel got each delivery (repeated only where the kill cut one off), every shared
 * file reads back from both nodes, and the audit chain that both nodes wrote at once verifies, on
 * each node and offline against checkpoints signed by both.
 */
public class ClusterIT {

    private static final String ADMIN = PorchlightTestSupport.ADMIN_EMAIL;
    private static final String PASSWORD = PorchlightTestSupport.ADMIN_PASSWORD;
    private static final String STAFF_PASSWORD = "cluster test staff passphrase";
    private static final int RESIDENTS = 6;
    private static final int RECIPIENTS = 20_000;
    private static final int DELIVERY_THREADS = 4;
    private static final double LAT = 39.1001;
    private static final double LON = -94.5786;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String database = "porchlight_cluster_it_" + run;
    private final ServerProcess[] nodes = new ServerProcess[2];
    private boolean created;

    @After
    public void stop() throws Exception {
        for (ServerProcess node : nodes) {
            if (node != null) {
                node.close();
            }
        }
        if (created) {
            SharedPostgres.psql("DROP DATABASE IF EXISTS " + database);
        }
    }

    @Test
    public void twoNodesOnOneDatabaseAreOneServiceThroughAKillAndARestart() throws Exception {
        assumeTrue("psql on the PATH, to make the run's database", SharedPostgres.psql("SELECT 1") == 0);
        assertEquals(0, SharedPostgres.psql("CREATE DATABASE " + database));
        created = true;

        Path shared = Fixtures.work().resolve("cluster").resolve(run);
        Files.createDirectories(shared.resolve("secrets"));
        S3Proxies.start("ClusterIT", "cluster-evidence");
        Path[] homes = new Path[2];
        Http[] http = new Http[2];
        Map<String, String> env = new HashMap<>(PorchlightTestSupport.postgresEnvironment());
        URI url = URI.create(env.get("PORCHLIGHT_DB_URL").substring("jdbc:".length()));
        env.put("PORCHLIGHT_DB_URL", "jdbc:postgresql://" + url.getHost() + ":" + url.getPort() + "/" + database);
        env.putAll(Map.of("PORCHLIGHT_ADMIN_EMAIL", ADMIN, "PORCHLIGHT_ADMIN_PASSWORD", PASSWORD, "ITEST_FANOUT_RUN", run));
        List<Map<String, String>> envs = new ArrayList<>();
        for (int n = 0; n < 2; n++) {
            homes[n] = Distribution.freshHome("ClusterIT-" + n);
            Path etc = homes[n].resolve("etc");
            set(etc.resolve("org.porchlight.identity.cfg"), Map.of(
                    "signingKeysFile", shared.resolve("secrets/token-signing.jwks").toString(),
                    "pseudonymKeyFile", shared.resolve("secrets/pseudonym.key").toString(), "freeAddressFailures", "3"));
            // The test speaks from many client addresses through X-Forwarded-For, as a balancer would pass them on.
            set(etc.resolve("org.porchlight.rest.cfg"), Map.of("trustedProxies", "127.0.0.1"));
            sharedEvidenceStore(etc, shared);
            // Checkpoints often, so that both nodes sign some; a dead node's deliveries come back after 5 s.
            set(etc.resolve("org.porchlight.audit.cfg"), Map.of("checkpointIntervalSeconds", "2"));
            set(etc.resolve("org.porchlight.notifications.cfg"), Map.of("leaseSeconds", "5", "backoffBaseSeconds", "1",
                    "backoffMaxSeconds", "2", "startDelaySeconds", "1"));
            int port = Distribution.freePort();
            http[n] = new Http(port);
            Map<String, String> mine = new HashMap<>(env);
            mine.put("PORCHLIGHT_HTTP_PORT", Integer.toString(port));
            envs.add(mine);
        }
        long started = System.nanoTime();
        StringBuilder stages = new StringBuilder();
        // Both at once on the empty database: their migrations meet (Flyway locks each schema's history).
        for (int n = 0; n < 2; n++) {
            nodes[n] = ServerProcess.start(homes[n], envs.get(n));
        }
        for (int n = 0; n < 2; n++) {
            nodes[n].awaitReady(Duration.ofSeconds(180));
            JsonNode health = http[n].get("/api/health").json();
            assertEquals("node " + n + ": " + health, "UP", health.path("status").asText());
        }
        Http a = http[0];
        Http b = http[1];
        stage(stages, "both nodes ready", started);

        // A token from one node works on the other; so does one signed with a key made on the other.
        String[] admin = bearer(a, ADMIN, PASSWORD);
        assertEquals(200, b.get("/api/audit/verify", admin).status());
        Http.Response rotated = a.send("POST", "/api/auth/keys/rotate", null, null, admin);
        assertEquals(rotated.body(), 2, rotated.status() / 100);
        String[] newKey = bearer(a, ADMIN, PASSWORD);
        assertEquals("a token of the key just made on node 0, on node 1", 200, b.get("/api/audit/verify", newKey).status());
        assertEquals("a token of the old key still works on both", 200, b.get("/api/audit/verify", admin).status());

        assertEquals(201, a.postJson("/api/agencies", IdentityIT.agency("KCPD"), admin).status());
        String[] officer = staff(b, admin, "officer@kcpd-cluster.example");
        assertEquals(200, a.get("/api/agencies/KCPD/evidence?case=" + caseNumber(), officer).status());

        // Residents sign up on either node; registrations on one count on the other at once.
        List<String> residents = new ArrayList<>();
        List<String> cameras = new ArrayList<>();
        for (int r = 0; r < RESIDENTS; r++) {
            String email = "cluster-" + run + "-" + r + "@itest.example";
            assertEquals(202, http[r % 2].postJson("/api/accounts", "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD
                    + "\",\"displayName\":\"C\"}").status());
            residents.add(email);
        }
        for (int r = 0; r < RESIDENTS - 1; r++) {
            cameras.add(register(a, bearer(b, residents.get(r), PASSWORD), r));
        }
        assertEquals(RESIDENTS - 1, count(b, officer));
        cameras.add(register(a, bearer(a, residents.get(RESIDENTS - 1), PASSWORD), RESIDENTS - 1));
        assertEquals("the registration on node 0 counts on node 1 at once", RESIDENTS, count(b, officer));

        // A new password on one node ends the sign-ins of the other at once.
        String[] before = bearer(b, residents.get(0), PASSWORD);
        assertEquals(200, b.get("/api/registry/cameras/" + cameras.get(0), before).status());
        Http.Response changed = a.postJson("/api/me/password", "{\"currentPassword\":\"" + PASSWORD + "\",\"newPassword\":\""
                + STAFF_PASSWORD + "\"}", bearer(a, residents.get(0), PASSWORD));
        assertEquals(changed.body(), 2, changed.status() / 100);
        assertEquals("the old token on the other node", 401, b.get("/api/registry/cameras/" + cameras.get(0), before).status());
        // So does disabling a member of staff.
        String[] disabled = staff(a, admin, "disabled@kcpd-cluster.example");
        String staffId = b.get("/api/me", disabled).json().path("id").asText();
        assertEquals(200, b.get("/api/agencies/KCPD/evidence?case=" + caseNumber(), disabled).status());
        assertEquals(204, a.send("DELETE", "/api/agencies/KCPD/staff/" + staffId, null, null, admin).status());
        assertEquals("a disabled officer's token on the other node", 401,
                b.get("/api/agencies/KCPD/evidence?case=" + caseNumber(), disabled).status());
        // Failed sign-ins count for the whole cluster: failures spread over both nodes block the address on both.
        String guesser = "192.0.2.77";
        for (int i = 0; i < 4; i++) {
            assertEquals(401, http[i % 2].postForm("/api/auth/token", Map.of("grant_type", "password", "username",
                    "guess" + i + "@cluster.example", "password", "wrong passphrase " + i), "X-Forwarded-For", guesser).status());
        }
        for (Http node : http) {
            assertEquals("the fourth failure, the second on node 1, blocks the address on every node", 429, node.postForm(
                    "/api/auth/token", Map.of("grant_type", "password", "username", residents.get(1), "password", PASSWORD),
                    "X-Forwarded-For", guesser).status());
        }

        // A page's requests that renew together may reach both nodes: both get the same successor.
        Http.Response signedIn = a.postForm("/api/auth/token", Map.of("grant_type", "password", "username", residents.get(2),
                "password", PASSWORD));
        String first = signedIn.json().path("refresh_token").asText();
        String second = a.postForm("/api/auth/token", Map.of("grant_type", "refresh_token", "refresh_token", first))
                .json().path("refresh_token").asText();
        assertEquals("the same renewal on the other node", second, b.postForm("/api/auth/token",
                Map.of("grant_type", "refresh_token", "refresh_token", first)).json().path("refresh_token").asText());

        String[][] tokens = new String[RESIDENTS][];
        for (int r = 0; r < RESIDENTS; r++) {
            tokens[r] = bearer(http[r % 2], residents.get(r), r == 0 ? STAFF_PASSWORD : PASSWORD);
        }

        stage(stages, "cross-node checks done", started);
        // The load: camera writes alternating between the nodes, witnesses crossing them, and the fan-out.
        FixtureBundles.buildAll();
        Path fanOut = Fixtures.signed(Fixtures.fanOut());
        for (Path home : homes) {
            Files.copy(fanOut, home.resolve("deploy/fanout.jar")); // how an operator rolls a module to every node
        }
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicBoolean killed = new AtomicBoolean();
        long[] acknowledged = new long[RESIDENTS];
        long[] sent = new long[RESIDENTS];
        Map<String, String> sharedFiles = new ConcurrentHashMap<>();
        AtomicInteger witnessRounds = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(RESIDENTS + 1);
        List<Future<?>> load = new ArrayList<>();
        for (int r = 0; r < RESIDENTS; r++) {
            int writer = r;
            load.add(pool.submit(() -> {
                while (!stopping.get()) {
                    long n = ++sent[writer];
                    try {
                        Http.Response put = http[(int) (n % 2)].send("PUT", "/api/registry/cameras/" + cameras.get(writer),
                                "application/json", camera(writer, n), tokens[writer]);
                        if (put.status() / 100 == 2) {
                            acknowledged[writer] = n;
                            writes.incrementAndGet();
                        } else if (put.status() != 503) {
                            throw new AssertionError("write " + n + " of resident " + writer + ": " + put);
                        }
                    } catch (RuntimeException nodeDown) {
                        Thread.sleep(20); // not acknowledged; the next write goes to the other node
                    }
                }
                return null;
            }));
        }
        load.add(pool.submit(() -> {
            for (int n = 0; !stopping.get(); n++) {
                try {
                    // Across the nodes while both run; on the survivor alone (as its balancer would send them) after the kill.
                    witnessRound(killed.get() ? a : http[n % 2], killed.get() ? a : http[(n + 1) % 2], officer, n, sharedFiles);
                    witnessRounds.incrementAndGet();
                } catch (RuntimeException nodeDown) {
                    Thread.sleep(20); // a round cut off: what it shared is recorded, the rest stays unshared
                }
            }
            return null;
        }));

        // Kill node 1 as soon as the fan-out shows, with everything else going on: waiting for a
        // quarter of it let a fast machine finish it between two looks (a CI run killed after the end).
        JsonNode atKill = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (atKill == null && System.nanoTime() < deadline) {
            Http.Response status = a.get("/api/itest/fanout", admin);
            if (status.status() == 200 && status.json().path("inbox").asLong() > 0) {
                nodes[1].kill();
                killed.set(true);
                atKill = status.json();
            }
            Thread.sleep(5);
        }
        assertTrue("the fan-out started within 2 minutes: " + nodes[0].stdout(), atKill != null);
        assertTrue("killed in the middle of the fan-out or its deliveries: " + atKill, atKill.path("inbox").asLong() < RECIPIENTS
                || atKill.path("ledgerDelivered").asLong() < RECIPIENTS / 20);
        int writesAtKill = writes.get();
        int roundsAtKill = witnessRounds.get();
        long settled = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while ((writes.get() < writesAtKill + 2 * RESIDENTS || witnessRounds.get() <= roundsAtKill) && System.nanoTime() < settled) {
            Thread.sleep(20); // the surviving node goes on taking writes
        }
        stopping.set(true);
        for (Future<?> f : load) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertTrue("writes went on through node 0 after the kill", writes.get() > writesAtKill);

        stage(stages, "killed node 1 and stopped the load", started);
        nodes[1] = ServerProcess.start(homes[1], envs.get(1));
        nodes[1].awaitReady(Duration.ofSeconds(180));
        stage(stages, "node 1 ready again", started);

        // No acknowledged write lost, read through either node.
        for (int r = 0; r < RESIDENTS; r++) {
            for (Http node : http) {
                JsonNode stored = node.get("/api/registry/cameras/" + cameras.get(r), tokens[r]).json();
                String address = stored.path("address").asText();
                long there = Long.parseLong(address.substring(address.indexOf('#') + 1));
                assertTrue("resident " + r + ": acknowledged write " + acknowledged[r] + " lost, found " + there,
                        there >= acknowledged[r]);
                assertTrue("resident " + r + ": found " + there + " of " + sent[r] + " sent", there <= sent[r]);
            }
        }

        // The outbox: every resident told exactly once; each external delivery made, repeated only where the kill cut it off.
        JsonNode done = a.await("/api/itest/fanout", r -> r.status() == 200 && r.json().path("inbox").asLong() == RECIPIENTS
                && r.json().path("pendingFanOut").asLong() == 0 && r.json().path("pendingDeliveries").asLong() == 0
                && r.json().path("ledgerDelivered").asLong() == RECIPIENTS / 20, Duration.ofSeconds(180), admin).json();
        stage(stages, "fan-out done", started);
        assertEquals(done.toString(), RECIPIENTS, done.path("notifications").asLong());
        assertEquals("every resident has it exactly once: " + done, RECIPIENTS, done.path("inboxRecipients").asLong());
        List<String> ledger = new ArrayList<>();
        for (Path home : homes) {
            Path file = home.resolve("data/itest-ledger.txt");
            if (Files.exists(file)) {
                ledger.addAll(Files.readAllLines(file));
            }
        }
        Set<String> delivered = new HashSet<>();
        ledger.forEach(line -> delivered.add(line.split(" ")[0]));
        assertEquals("every external delivery arrived", RECIPIENTS / 20, delivered.size());
        assertTrue("repeated only what the kill cut off: " + (ledger.size() - delivered.size()),
                ledger.size() - delivered.size() <= DELIVERY_THREADS);

        // Every shared file reads back whole from both nodes.
        assertFalse("witnesses shared files", sharedFiles.isEmpty());
        JsonNode items = b.get("/api/agencies/KCPD/evidence?case=" + caseNumber(), officer).json();
        Set<String> listed = new HashSet<>();
        items.forEach(item -> listed.add(item.path("id").asText()));
        assertTrue("every shared file is listed: " + sharedFiles.keySet() + " in " + listed, listed.containsAll(sharedFiles.keySet()));
        for (Map.Entry<String, String> file : sharedFiles.entrySet()) {
            for (Http node : http) {
                Http.Response content = node.get("/api/agencies/KCPD/evidence/" + file.getKey() + "/content", officer);
                assertEquals(content.toString(), 200, content.status());
                assertEquals("file " + file.getKey(), file.getValue(), sha256(content.body()));
            }
        }

        // One audit chain, written by both nodes at once, intact on each node and offline.
        for (Http node : http) {
            JsonNode verified = node.get("/api/audit/verify", admin).json();
            assertTrue(verified.toString(), verified.path("intact").asBoolean());
        }
        Http.Response keys = a.get("/api/audit/checkpoints/keys");
        assertTrue("each node published its checkpoint key: " + keys.body(), keys.json().path("keys").size() >= 2);
        Path folder = Files.createDirectories(shared.resolve("audit"));
        Path export = Files.writeString(folder.resolve("export.json"), b.get("/api/audit/export", admin).body());
        Path checkpoints = Files.writeString(folder.resolve("checkpoints.json"), a.get("/api/audit/checkpoints?since=0").body());
        Path keyFile = Files.writeString(folder.resolve("keys.json"), keys.body());
        Process verify = new ProcessBuilder(homes[0].resolve("bin/porchlight").toString(), "verify-audit", "--log", export.toString(),
                "--checkpoints", checkpoints.toString(), "--key", keyFile.toString()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("verdict.txt").toFile()).start();
        assertTrue(verify.waitFor(60, TimeUnit.SECONDS));
        String verdict = Files.readString(folder.resolve("verdict.txt")).strip();
        assertEquals(verdict, 0, verify.exitValue());
        assertTrue(verdict, verdict.startsWith("INTACT: "));
        System.out.println("ClusterIT: killed node 1 at " + atKill + "; " + writes.get() + " acknowledged camera writes, "
                + sharedFiles.size() + " files shared in " + witnessRounds.get() + " witness rounds, ledger lines " + ledger.size()
                + " for " + delivered.size() + " deliveries; " + verdict + "; seconds from the start: " + stages);
    }

    /** The evidence store both nodes use: one bucket of one S3 server (s3proxy), as a cluster keeps evidence. */
    private static void sharedEvidenceStore(Path etc, Path shared) throws Exception {
        S3Proxies.configure("ClusterIT", "cluster-evidence", etc, "prefix = evidence/", "partSizeMiB = 5");
        set(etc.resolve("org.porchlight.evidence.cfg"), Map.of("store", "s3"));
    }

    private static void stage(StringBuilder stages, String stage, long started) {
        stages.append(stage).append(' ').append((System.nanoTime() - started) / 1_000_000_000).append(", ");
    }

    /** Sets {@code values} in a .cfg file, replacing the lines that set them already. */
    private static void set(Path cfg, Map<String, String> values) throws Exception {
        String text = Files.exists(cfg) ? Files.readString(cfg) : "";
        for (String key : values.keySet()) {
            text = text.replaceAll("(?m)^" + key + "\\s*=.*$", "");
        }
        StringBuilder added = new StringBuilder(text).append("\n# ClusterIT\n");
        values.forEach((k, v) -> added.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(cfg, added.toString());
    }

    private String caseNumber() {
        return "2026-" + run;
    }

    /**
     * A witness link made on {@code one}; two files uploaded to {@code other}, one shared there, the
     * other discarded on {@code one}.
     */
    private void witnessRound(Http one, Http other, String[] officer, int n, Map<String, String> shared) {
        Http.Response link = one.postJson("/api/agencies/KCPD/witness-links",
                "{\"caseNumber\":\"" + caseNumber() + "\",\"maxFiles\":2}", officer);
        assertEquals(link.body(), 201, link.status());
        String token = link.json().path("token").asText();
        String keep = n + " " + UUID.randomUUID() + " footage ".repeat(2000);
        String kept = upload(other, token, keep);
        String dropped = upload(other, token, n + " discarded ".repeat(500));
        Http.Response share = other.send("POST", "/api/public/submissions/" + token + "/share", "application/json",
                "{\"files\":[\"" + kept + "\"]}");
        assertEquals(share.body(), 200, share.status());
        shared.put(kept, sha256(keep));
        assertEquals(204, one.send("DELETE", "/api/public/submissions/" + token + "/files/" + dropped, null, null).status());
    }


    private static String register(Http http, String[] resident, int r) {
        Http.Response created = http.postJson("/api/registry/cameras", camera(r, 0), resident);
        assertEquals(created.body(), 201, created.status());
        return created.json().path("id").asText();
    }

    private static long count(Http http, String[] officer) {
        Http.Response count = http.postJson("/api/agencies/KCPD/registry/count", "{\"type\":\"circle\",\"center\":{\"latitude\":"
                + LAT + ",\"longitude\":" + LON + "},\"radiusMeters\":500}", officer);
        assertEquals(count.body(), 200, count.status());
        return count.json().path("cameras").asLong();
    }

    private static String camera(int r, long n) {
        return "{\"location\":{\"latitude\":" + (LAT + 0.0002 * r) + ",\"longitude\":" + LON + "},\"address\":\"c" + r + " #" + n
                + "\",\"kind\":\"DOORBELL\",\"recording\":true,\"retentionDays\":30,\"contactOk\":true}";
    }

    private static String[] staff(Http http, String[] admin, String email) {
        Http.Response invited = http.postJson("/api/agencies/KCPD/staff",
                "{\"email\":\"" + email + "\",\"displayName\":\"Staff\",\"role\":\"OFFICER\"}", admin);
        assertEquals(invited.body(), 201, invited.status());
        Http.Response activated = http.postJson("/api/accounts/activate",
                "{\"token\":\"" + invited.json().path("activationToken").asText() + "\",\"password\":\"" + STAFF_PASSWORD + "\"}");
        assertEquals(activated.body(), 2, activated.status() / 100);
        return bearer(http, email, STAFF_PASSWORD);
    }


    private static String sha256(String content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
