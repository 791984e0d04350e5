package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Test;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.testing.plugin.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code bin/porchlight backup} while the server takes writes, then {@code bin/porchlight restore}
 * into an empty installation: the restored server's audit chain verifies and reaches the
 * snapshot's last entry, every evidence file it has hands out exactly the bytes uploaded (the
 * server checks each against its SHA-256 first) with an intact chain of custody, and everything
 * shared before the backup began is there. Witnesses upload, share and discard files and officers
 * open links from several threads all the while. Also: a backup or restore into a folder that is
 * not empty, a damaged manifest, keys stored apart.
 */
public class BackupRestoreIT {

    private static final String ADMIN = PorchlightTestSupport.ADMIN_EMAIL;
    private static final String PASSWORD = PorchlightTestSupport.ADMIN_PASSWORD;
    private static final String STAFF_PASSWORD = "backup test staff passphrase";
    private static final int WRITERS = 3;

    private final List<ServerProcess> servers = new ArrayList<>();

    @After
    public void stop() throws Exception {
        for (ServerProcess server : servers) {
            server.close();
        }
        cleanUp();
    }

    /** After the servers have stopped: removes what {@link #database} set up. */
    protected void cleanUp() throws Exception {
        // the embedded databases are in the homes
    }

    @Test
    public void aBackupUnderConcurrentWritesRestoresToAServerWhoseAuditChainAndEvidenceVerify() throws Exception {
        String name = getClass().getSimpleName();
        Path home = Distribution.freshHome(name);
        int port = Distribution.freePort();
        Map<String, String> source = database("source");
        Map<String, String> target = database("restored");
        Map<String, String> first = new HashMap<>(source);
        first.putAll(Map.of("PORCHLIGHT_ADMIN_EMAIL", ADMIN, "PORCHLIGHT_ADMIN_PASSWORD", PASSWORD));
        ServerProcess server = start(home, port, first);
        Http http = new Http(port);
        String[] admin = bearer(http, ADMIN, PASSWORD);
        http.postJson("/api/agencies", IdentityIT.agency("KCPD"), admin);
        String[] officer = staff(http, admin, "officer@kcpd-backup.example");
        String caseNumber = "2026-" + UUID.randomUUID().toString().substring(0, 8);

        // What witnesses shared, by item id: the SHA-256 of what they sent, and whether the backup had begun.
        Map<String, String> shared = new ConcurrentHashMap<>();
        Set<String> sharedBefore = ConcurrentHashMap.newKeySet();
        witnessRound(http, officer, caseNumber, "before", shared);
        sharedBefore.addAll(shared.keySet());

        AtomicBoolean stopping = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            String tag = "w" + w;
            writers.add(pool.submit(() -> {
                for (int n = 0; !stopping.get(); n++) {
                    witnessRound(http, officer, caseNumber, tag + "-" + n, shared);
                    rounds.incrementAndGet();
                }
                return null;
            }));
        }
        awaitRounds(rounds, 2 * WRITERS);
        Path backup = Fixtures.work().resolve("backups").resolve(name);
        for (String folder : List.of(name, name + "-keys", name + "-damaged")) {
            Distribution.delete(backup.resolveSibling(folder));
        }
        Files.createDirectories(backup.getParent());
        sharedBefore.addAll(shared.keySet());
        int roundsAtStart = rounds.get();
        Command made = run(home, source, "backup", backup.toString());
        int roundsDuring = rounds.get() - roundsAtStart;
        awaitRounds(rounds, rounds.get() + WRITERS);
        stopping.set(true);
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(made.toString(), 0, made.exit());
        assertTrue(made.out(), made.out().contains("Backup written to " + backup));

        // The parts, named as such; the keys with a README that says to keep them apart.
        Properties properties = properties(backup.resolve("backup.properties"));
        long auditReached = Long.parseLong(properties.getProperty("audit.lastSequence"));
        assertTrue(properties.toString(), auditReached > 0);
        boolean postgres = source.containsKey("PORCHLIGHT_DB_URL");
        assertEquals(postgres ? "postgresql" : "h2", properties.getProperty("database.kind"));
        assertTrue(Files.isRegularFile(backup.resolve(postgres ? "database/porchlight.dump" : "database/porchlight.zip")));
        assertTrue(Files.readString(backup.resolve("keys/README.txt")).contains("Store this folder apart"));
        List<String> keyFiles = new ArrayList<>(List.of("token-signing.jwks", "pseudonym.key", "audit-checkpoint.key"));
        if (!source.containsKey("PORCHLIGHT_EVIDENCE_KEY")) {
            keyFiles.add("evidence-master.key");
        }
        for (String key : keyFiles) {
            assertTrue(key, Files.isRegularFile(backup.resolve("keys").resolve(key)));
            assertEquals(key, "rw-------",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve("keys").resolve(key))));
        }
        assertFalse("the hold on deletions ended", Files.exists(home.resolve("data/evidence/.backup-hold")));
        int evidenceFiles = Integer.parseInt(properties.getProperty("evidence.files"));
        assertTrue(properties.toString(), evidenceFiles >= sharedBefore.size());

        Command again = run(home, source, "backup", backup.toString());
        assertEquals(again.toString(), 2, again.exit());
        assertTrue(again.err(), again.err().contains("is not empty"));
        if (!postgres) {
            // The server's online backup is on the record (pg_dump, outside the server, is not).
            boolean recorded = false;
            for (JsonNode entry : http.get("/api/audit/export", admin).json().path("entries")) {
                recorded |= entry.path("action").asText().equals("database.backup")
                        && entry.path("target").asText().equals(backup.resolve("database/porchlight.zip").toString());
            }
            assertTrue("the backup is in the audit log", recorded);
        }
        server.close();

        // The keys stored apart, as the README says; a restore needs to be told where.
        Path keys = backup.resolveSibling(name + "-keys");
        Files.move(backup.resolve("keys"), keys);
        Path restored = Distribution.freshHome(name + "-restored");
        Command noKeys = run(restored, target, "restore", backup.toString());
        assertEquals(noKeys.toString(), 2, noKeys.exit());
        assertTrue(noKeys.err(), noKeys.err().contains("--keys"));

        // A damaged manifest, or a file that no longer matches it: refused, nothing written.
        Path damaged = backup.resolveSibling(name + "-damaged");
        Distribution.copy(backup, damaged);
        Path sums = damaged.resolve("SHA256SUMS");
        List<String> lines = new ArrayList<>(Files.readAllLines(sums));
        lines.set(0, lines.get(0).substring(0, 60));
        Files.write(sums, lines);
        Command garbled = run(restored, target, "restore", damaged.toString(), "--keys", keys.toString());
        assertEquals(garbled.toString(), 2, garbled.exit());
        assertTrue(garbled.err(), garbled.err().contains("SHA256SUMS is damaged at line 1"));
        Files.copy(backup.resolve("SHA256SUMS"), sums, StandardCopyOption.REPLACE_EXISTING);
        Path someFile;
        try (Stream<Path> files = Files.walk(damaged.resolve("evidence"))) {
            someFile = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(someFile);
        bytes[bytes.length / 2] ^= 1;
        Files.write(someFile, bytes);
        Command changed = run(restored, target, "restore", damaged.toString(), "--keys", keys.toString());
        assertEquals(changed.toString(), 2, changed.exit());
        assertTrue(changed.err(), changed.err().contains("does not match its SHA-256"));
        try (Stream<Path> left = Files.list(restored.resolve("data"))) {
            assertEquals("a refused restore writes nothing", 0, left.count());
        }

        Command restore = run(restored, target, "restore", backup.toString(), "--keys", keys.toString());
        assertEquals(restore.toString(), 0, restore.exit());
        Command twice = run(restored, target, "restore", backup.toString(), "--keys", keys.toString());
        assertEquals(twice.toString(), 2, twice.exit());
        assertTrue(twice.err(), twice.err().contains("is not empty"));

        // The restored server: its audit chain verifies and reaches the snapshot; its evidence is what was sent.
        int restoredPort = Distribution.freePort();
        start(restored, restoredPort, target);
        Http after = new Http(restoredPort);
        String[] restoredAdmin = bearer(after, ADMIN, PASSWORD);
        JsonNode verified = after.get("/api/audit/verify", restoredAdmin).json();
        assertTrue(verified.toString(), verified.path("intact").asBoolean());
        JsonNode export = after.get("/api/audit/export", restoredAdmin).json();
        long last = 0;
        for (JsonNode entry : export.path("entries")) {
            last = Math.max(last, entry.path("sequence").asLong());
        }
        assertTrue("the chain reaches entry " + auditReached + ", found " + last, last >= auditReached);

        String[] restoredOfficer = bearer(after, "officer@kcpd-backup.example", STAFF_PASSWORD);
        JsonNode items = after.get("/api/agencies/KCPD/evidence?case=" + caseNumber, restoredOfficer).json();
        Set<String> there = ConcurrentHashMap.newKeySet();
        for (JsonNode item : items) {
            String id = item.path("id").asText();
            there.add(id);
            assertTrue("an item nobody shared: " + id, shared.containsKey(id));
            assertEquals(shared.get(id), item.path("sha256").asText());
            Http.Response content = after.get("/api/agencies/KCPD/evidence/" + id + "/content", restoredOfficer);
            assertEquals(content.toString(), 200, content.status());
            assertEquals("the restored file " + id + " is what was sent", shared.get(id),
                    sha256(content.body().getBytes(StandardCharsets.UTF_8)));
            JsonNode custody = after.get("/api/agencies/KCPD/evidence/" + id + "/custody", restoredOfficer).json();
            assertTrue(custody.toString(), custody.path("chainIntact").asBoolean());
        }
        assertTrue("everything shared before the backup began is there", there.containsAll(sharedBefore));
        System.out.println(getClass().getSimpleName() + ": " + roundsDuring + " witness rounds ran during the backup; "
                + there.size()
                + " of " + shared.size() + " shared files are in it, audit chain to entry " + auditReached);
    }

    /** A witness link; two files uploaded, one shared, the other discarded (its blob deleted). */
    private static void witnessRound(Http http, String[] officer, String caseNumber, String tag, Map<String, String> shared) {
        Http.Response link = http.postJson("/api/agencies/KCPD/witness-links",
                "{\"caseNumber\":\"" + caseNumber + "\",\"maxFiles\":2}", officer);
        assertEquals(link.body(), 201, link.status());
        String token = link.json().path("token").asText();
        String keep = tag + " " + UUID.randomUUID() + " footage ".repeat(2000);
        String drop = tag + " " + UUID.randomUUID() + " discarded ".repeat(500);
        String kept = upload(http, token, keep);
        String dropped = upload(http, token, drop);
        Http.Response share = http.send("POST", "/api/public/submissions/" + token + "/share", "application/json",
                "{\"files\":[\"" + kept + "\"]}");
        assertEquals(share.body(), 200, share.status());
        shared.put(kept, sha256(keep.getBytes(StandardCharsets.UTF_8)));
        assertEquals(204, http.send("DELETE", "/api/public/submissions/" + token + "/files/" + dropped, null, null).status());
    }

    /** A witness's upload of {@code content} through the link {@code token}; the new file's id. */
    static String upload(Http http, String token, String content) {
        URI files = URI.create(http.base() + "/api/public/submissions/" + token + "/files");
        Http.Response receipt = http.send(HttpRequest.newBuilder(files)
                .header("Content-Type", "image/jpeg").POST(HttpRequest.BodyPublishers.ofString(content)));
        assertEquals(receipt.body(), 201, receipt.status());
        return receipt.json().path("id").asText();
    }

    private ServerProcess start(Path home, int port, Map<String, String> env) throws InterruptedException {
        Map<String, String> all = new HashMap<>(env);
        all.put("PORCHLIGHT_HTTP_PORT", Integer.toString(port));
        ServerProcess server = ServerProcess.start(home, all);
        servers.add(server);
        server.awaitReady(Duration.ofSeconds(120));
        return server;
    }

    private record Command(int exit, String out, String err) {
    }

    /** Settings of the server whose data is backed up ({@code source}) or restored into; the embedded database here. */
    protected Map<String, String> database(String role) throws Exception {
        return Map.of();
    }

    /** {@code bin/porchlight <args>} in {@code home}, as an operator runs it. */
    private static Command run(Path home, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/porchlight").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("PORCHLIGHT_"));
        builder.environment().putAll(env);
        Path out = Files.createTempFile("porchlight-command", ".out");
        Path err = Files.createTempFile("porchlight-command", ".err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue("bin/porchlight " + String.join(" ", args) + " did not finish", process.waitFor(5, TimeUnit.MINUTES));
        Command result = new Command(process.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    private static void awaitRounds(AtomicInteger rounds, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (rounds.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue("the writers made " + rounds.get() + " rounds, not " + atLeast, rounds.get() >= atLeast);
    }

    private static String[] staff(Http http, String[] admin, String email) {
        Http.Response invited = http.postJson("/api/agencies/KCPD/staff",
                "{\"email\":\"" + email + "\",\"displayName\":\"Staff\",\"role\":\"OFFICER\"}", admin);
        assertEquals(invited.body(), 201, invited.status());
        String activation = invited.json().path("activationToken").asText();
        Http.Response activated = http.postJson("/api/accounts/activate",
                "{\"token\":\"" + activation + "\",\"password\":\"" + STAFF_PASSWORD + "\"}");
        assertEquals(activated.body(), 2, activated.status() / 100);
        return bearer(http, email, STAFF_PASSWORD);
    }

    static String[] bearer(Http http, String email, String password) {
        Http.Response token = http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", email, "password",
                password));
        assertEquals(token.body(), 200, token.status());
        String access = token.json().path("access_token").asText();
        assertNotNull(access);
        return new String[] {"Authorization", "Bearer " + access};
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            properties.load(in);
        }
        return properties;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
