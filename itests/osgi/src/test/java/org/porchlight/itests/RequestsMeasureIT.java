package org.porchlight.itests;

import static org.junit.Assert.assertEquals;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Measures the footage-request figures of docs/benchmarks.md; asserts nothing about time or
 * memory. Runs only when asked:
 * {@code mvn -B verify -pl itests/osgi -Dit.test=RequestsMeasureIT -Dporchlight.measure=true
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false} (add {@code -Dporchlight.measure.seconds=60}
 * for a longer concurrent run). Prints the figures and writes them to
 * {@code target/requests-measure.txt}. The server and this test share one JVM (Pax Exam's native
 * container), so the heap figures are the server's, with a client that streams and holds nothing.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class RequestsMeasureIT extends PorchlightTestSupport {

    private static final double LAT = 39.0997;
    private static final double LON = -94.5786;
    private static final int OWNERS = 10_000;
    private static final int CLIENTS = 32;
    private static final long UPLOAD = 200L * 1024 * 1024;

    private final StringBuilder report = new StringBuilder();

    @Test
    public void measuresFanOutUploadAndConcurrentRequests() throws Exception {
        Assume.assumeTrue("run with -Dporchlight.measure=true", Boolean.getBoolean("porchlight.measure"));
        String[] admin = asAdmin();
        deleteAllCameras();
        http.postJson("/api/agencies", IdentityIT.agency("KCPD"), admin);
        String[] officer = staffSession("KCPD", "officer@measure.example", "OFFICER", admin);
        String[] supervisor = staffSession("KCPD", "sergeant@measure.example", "SUPERVISOR", admin);
        String[] resident = residentSession("owner@measure.example");

        fanOut(officer, resident);
        upload(officer, resident);
        concurrentFlows(admin, officer, supervisor);

        Files.writeString(Path.of("target", "requests-measure.txt"), report.toString());
    }

    /** 10,000 owners in one area; from the officer's submit to the last in-app delivery committed. */
    private void fanOut(String[] officer, String[] resident) throws Exception {
        String seed = http.postJson("/api/registry/cameras", camera(LAT, LON), resident).json().path("id").asText();
        // Owners by SQL, as the registry writes them (change log in the same transaction), copying the
        // seed's grid cell: 10,000 sign-ups with real password hashing would take the measurement's time.
        try (Connection c = primaryDataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement camera = c.prepareStatement("INSERT INTO registry.camera (id, owner_id, latitude, longitude, cell, "
                    + "address, kind, camera_count, recording, retention_days, contact_ok, exact_location_ok, paused, withdrawn, verified, "
                    + "confirmed_at, created_at, updated_at) SELECT ?, ?, latitude + ?, longitude, cell, address, kind, camera_count, "
                    + "recording, retention_days, TRUE, exact_location_ok, FALSE, FALSE, FALSE, confirmed_at, created_at, updated_at "
                    + "FROM registry.camera WHERE id = ?");
                    PreparedStatement agency = c.prepareStatement("INSERT INTO registry.camera_agency (camera_id, agency_code) VALUES (?, 'KCPD')");
                    PreparedStatement change = c.prepareStatement(
                            "INSERT INTO registry.camera_change (camera_id, changed_at) VALUES (?, CURRENT_TIMESTAMP)")) {
                for (int i = 1; i < OWNERS; i++) {
                    UUID id = UUID.randomUUID();
                    camera.setObject(1, id);
                    camera.setObject(2, UUID.randomUUID());
                    camera.setDouble(3, (i % 100) * 0.0000005);
                    camera.setObject(4, UUID.fromString(seed));
                    camera.addBatch();
                    agency.setObject(1, id);
                    agency.addBatch();
                    change.setObject(1, id);
                    change.addBatch();
                }
                camera.executeBatch();
                agency.executeBatch();
                change.executeBatch();
            }
            c.commit();
        }
        Thread.sleep(3000); // the registry's index follows its change log
        String id = draft(officer, "FANOUT-1", LAT, LON, 280).path("id").asText();
        long start = System.nanoTime();
        JsonNode active = http.send("POST", "/api/agencies/KCPD/requests/" + id + "/submit", null, null, officer).json();
        double committed = (System.nanoTime() - start) / 1e6;
        // Every camera lies in the seed's coarse cell, so the agency's coarse figure is the number asked.
        assertEquals(active.toString(), OWNERS, active.path("ownersAsked").path("owners").asInt());
        long delivered;
        do {
            delivered = rows("SELECT COUNT(*) FROM notify.inbox_item WHERE notify_key = 'footage-request:" + id + "'");
        } while (delivered < OWNERS && (System.nanoTime() - start) < 120_000_000_000L && pause(10));
        double all = (System.nanoTime() - start) / 1e6;
        line("fan-out to %d owners: activation committed (deliveries and outbox) after %.0f ms; every inbox item committed after %.0f ms",
                delivered, committed, all);
        deleteAllCameras();
    }

    /** A 200 MB file through the owner's upload route, and the server's heap meanwhile. */
    private void upload(String[] officer, String[] resident) throws Exception {
        http.postJson("/api/registry/cameras", camera(LAT, LON), resident);
        String id = draft(officer, "UPLOAD-1", LAT, LON, 150).path("id").asText();
        http.send("POST", "/api/agencies/KCPD/requests/" + id + "/submit", null, null, officer);
        String delivery = http.get("/api/me/requests?limit=1", resident).json().get(0).path("id").asText();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int round = 1; round <= 2; round++) {
            System.gc();
            long baseline = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(baseline);
            Thread sampler = new Thread(() -> {
                while (pause(5)) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long start = System.nanoTime();
            Http.Response r = http.send(HttpRequest.newBuilder(uri("/api/me/requests/" + delivery + "/files?name=big.mp4"))
                    .header("Content-Type", "video/mp4")
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new Zeros(UPLOAD)), UPLOAD)),
                    resident);
            double seconds = (System.nanoTime() - start) / 1e9;
            sampler.interrupt();
            System.gc();
            long after = memory.getHeapMemoryUsage().getUsed();
            assertEquals(r.body(), 201, r.status());
            line("upload of 200 MB over HTTP, round %d: %.2f s, %.0f MB/s; heap peak %.1f MB above the start (garbage included), "
                    + "live after a full GC %+.1f MB", round, seconds, UPLOAD / 1048576.0 / seconds, (peak.get() - baseline) / 1048576.0,
                    (after - baseline) / 1048576.0);
        }
    }

    /** 32 clients, each: draft, submit, a supervisor approves, the owner uploads and shares, the officer lists and downloads. */
    private void concurrentFlows(String[] admin, String[] officer, String[] supervisor) throws Exception {
        // Every request needs approval, as in agencies that want a second pair of eyes on each.
        JsonNode agency = http.get("/api/agencies/KCPD", admin).json();
        com.fasterxml.jackson.databind.node.ObjectNode update = ((com.fasterxml.jackson.databind.node.ObjectNode) agency).deepCopy();
        update.remove(List.of("code", "createdAt"));
        update.putObject("policy").put("approvalAlways", true);
        assertEquals(200, http.send("PUT", "/api/agencies/KCPD", "application/json", update.toString(), admin).status());
        List<String[]> owners = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String[] owner = residentSession("flow" + i + "@measure.example");
            http.postJson("/api/registry/cameras", camera(spotLat(i), spotLon(i)), owner);
            owners.add(owner);
        }
        Thread.sleep(2000);
        int seconds = Integer.getInteger("porchlight.measure.seconds", 30);
        byte[] clip = "a short clip ".repeat(5000).getBytes(StandardCharsets.UTF_8); // 65 KB
        List<Double> flows = Collections.synchronizedList(new ArrayList<>());
        AtomicLong failures = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            clients.add(pool.submit(() -> {
                for (int n = 0; System.nanoTime() < end; n++) {
                    long start = System.nanoTime();
                    try {
                        flow(officer, supervisor, owners.get(client), client, n, clip);
                        flows.add((System.nanoTime() - start) / 1e6);
                    } catch (RuntimeException | AssertionError e) {
                        failures.incrementAndGet();
                        System.err.println("flow failed: " + e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();
        List<Double> sorted = new ArrayList<>(flows);
        Collections.sort(sorted);
        line("%d concurrent clients for %d s: %d flows (%.1f/s), %d failed; flow latency p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms",
                CLIENTS, seconds, sorted.size(), sorted.size() / (double) seconds, failures.get(), pct(sorted, 50), pct(sorted, 90),
                pct(sorted, 99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1));
    }

    private void flow(String[] officer, String[] supervisor, String[] owner, int client, int n, byte[] clip) {
        String caseNumber = "FLOW-" + client + "-" + n;
        String id = draft(officer, caseNumber, spotLat(client), spotLon(client), 150).path("id").asText();
        expect(200, http.send("POST", "/api/agencies/KCPD/requests/" + id + "/submit", null, null, officer));
        expect(200, http.send("POST", "/api/agencies/KCPD/requests/" + id + "/approve", "application/json", "{}", supervisor));
        String delivery = null;
        for (JsonNode asked : http.get("/api/me/requests?limit=5", owner).json()) {
            if (caseNumber.equals(asked.path("caseNumber").asText())) {
                delivery = asked.path("id").asText();
            }
        }
        if (delivery == null) {
            throw new AssertionError("the owner was not asked for " + caseNumber);
        }
        String file = expect(201, http.send(HttpRequest.newBuilder(uri("/api/me/requests/" + delivery + "/files?name=clip.mp4"))
                .header("Content-Type", "video/mp4").POST(HttpRequest.BodyPublishers.ofByteArray(clip)), owner)).json().path("id").asText();
        expect(200, http.send("POST", "/api/me/requests/" + delivery + "/answer", "application/json",
                "{\"decision\":\"SHARE\",\"files\":[\"" + file + "\"]}", owner));
        JsonNode responses = expect(200, http.get("/api/agencies/KCPD/requests/" + id + "/responses", officer)).json();
        String item = responses.get(0).path("items").get(0).path("id").asText();
        expect(200, http.get("/api/agencies/KCPD/evidence/" + item + "/content", officer));
    }

    // ---- helpers

    private JsonNode draft(String[] officer, String caseNumber, double lat, double lon, double radius) {
        Instant end = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return expect(201, http.postJson("/api/agencies/KCPD/requests", "{\"caseNumber\":\"" + caseNumber + "\",\"incidentType\":\"BURGLARY\","
                + "\"windowStart\":\"" + end.minus(3, ChronoUnit.HOURS) + "\",\"windowEnd\":\"" + end + "\",\"area\":{\"type\":\"circle\","
                + "\"center\":{\"latitude\":" + lat + ",\"longitude\":" + lon + "},\"radiusMeters\":" + radius + "},"
                + "\"message\":\"Footage of the street would help.\"}", officer)).json();
    }

    private static String camera(double lat, double lon) {
        return "{\"location\":{\"latitude\":" + lat + ",\"longitude\":" + lon + "},\"address\":\"1 Porch Lane\",\"kind\":\"DOORBELL\","
                + "\"recording\":true,\"retentionDays\":30,\"contactOk\":true,\"paused\":false}";
    }

    /** Each client's own spot, 1 km or more from the others and from the fan-out's crowd. */
    private static double spotLat(int client) {
        return LAT + 0.02 + (client / 8) * 0.01;
    }

    private static double spotLon(int client) {
        return LON - 0.05 + (client % 8) * 0.013;
    }

    private static Http.Response expect(int status, Http.Response r) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + ": " + r);
        }
        return r;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + context.getProperty("porchlight.http.port") + path);
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private void line(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        report.append(line).append('\n');
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Generated content, so the client holds nothing. */
    private static final class Zeros extends InputStream {
        private long left;

        Zeros(long size) {
            left = size;
        }

        @Override
        public int read() {
            return left-- > 0 ? 7 : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 7);
            left -= n;
            return n;
        }
    }
}
