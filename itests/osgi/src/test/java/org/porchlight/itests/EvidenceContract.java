package org.porchlight.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.Before;
import org.junit.Test;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.porchlight.api.evidence.EvidenceIntake;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.evidence.Submission;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Evidence intake and chain of custody, run against each database: a file received through the
 * SDK service downloads intact for the agency's officers and nobody else, every download and
 * export lands in its custody chain, limits refuse what the agency does not accept, a changed
 * file is reported instead of served, and retention purges on the agency's schedule. Uses
 * agencies of its own (EVKC, EVJC), since other tests may share the PostgreSQL database.
 */
public abstract class EvidenceContract extends PorchlightTestSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CASE = "EV-" + UUID.randomUUID().toString().substring(0, 8);

    private String[] admin;
    private String[] officer;
    private String[] otherOfficer;
    private EvidenceIntake intake;
    private final HttpClient client = HttpClient.newHttpClient();

    @Before
    public void people() throws Exception {
        admin = asAdmin();
        for (String code : List.of("EVKC", "EVJC")) {
            http.postJson("/api/agencies", IdentityIT.agency(code), admin);
        }
        policy("EVKC", "{}");
        officer = staffSession("EVKC", "officer@evkc.example", "OFFICER", admin);
        otherOfficer = staffSession("EVJC", "officer@evjc.example", "OFFICER", admin);
        intake = service(EvidenceIntake.class, null);
    }

    @Test
    public void anOfficerDownloadsWhatWasReceivedIntactAndTheDownloadIsInItsChainOfCustody() throws Exception {
        byte[] video = bytes(3 * 1024 * 1024 + 123); // several encryption segments
        UUID request = UUID.randomUUID();
        EvidenceItem item = intake.receive(submission(request, "porch cam 1.mp4", "video/mp4"),
                new ByteArrayInputStream(video), video.length);
        assertEquals(sha256(video), item.sha256());
        assertEquals(video.length, item.size());
        assertEquals(List.of(item.id()), intake.itemsFor("EVKC", request).stream().map(EvidenceItem::id).toList());

        JsonNode listed = http.get("/api/agencies/EVKC/evidence?request=" + request, officer).json();
        assertEquals(1, listed.size());
        assertEquals(item.sha256(), listed.path(0).path("sha256").asText());
        assertEquals(1, http.get("/api/agencies/EVKC/evidence?case=" + CASE, officer).json().findValues("id").stream()
                .filter(id -> id.asText().equals(item.id().toString())).count());
        assertEquals("a case or a request must be named", 400, http.get("/api/agencies/EVKC/evidence", officer).status());

        HttpResponse<byte[]> download = download("/api/agencies/EVKC/evidence/" + item.id() + "/content", officer);
        assertEquals(200, download.statusCode());
        assertEquals(item.sha256(), sha256(download.body()));
        assertEquals("video/mp4", download.headers().firstValue("Content-Type").orElseThrow());
        String disposition = download.headers().firstValue("Content-Disposition").orElseThrow();
        assertTrue(disposition, disposition.startsWith("attachment; filename=\"porch_cam_1.mp4\""));
        assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElseThrow());

        JsonNode custody = http.get("/api/agencies/EVKC/evidence/" + item.id() + "/custody", officer).json();
        assertEquals(item.sha256(), custody.path("item").path("sha256").asText());
        assertTrue(custody.path("chainIntact").asBoolean());
        JsonNode events = custody.path("events");
        assertEquals(2, events.size());
        assertEquals("RECEIVED", events.path(0).path("kind").asText());
        assertTrue(events.path(0).path("detail").asText().contains("sha256=" + item.sha256()));
        assertEquals("ACCESSED", events.path(1).path("kind").asText());
        assertEquals("account:" + accountId(officer), events.path(1).path("actor").asText());
        assertEquals(events.path(0).path("hash").asText(), events.path(1).path("previousHash").asText());

        Http.Response csv = http.get("/api/agencies/EVKC/evidence/" + item.id() + "/custody.csv", officer);
        assertEquals(200, csv.status());
        assertEquals(3, csv.body().split("\r\n").length);

        assertEquals("the download is in the audit trail", 1, rows("SELECT COUNT(*) FROM audit.entry WHERE action = "
                + "'GET /agencies/{agency}/evidence/{id}/content' AND target LIKE '%" + item.id() + "%' AND outcome = '200'"));
    }

    @Test
    public void aHandOutTheClientBreaksOffIsOneInfoLineNoErrorAndRecordedAsBrokenOffNotAsComplete() throws Exception {
        int size = 12 * 1024 * 1024; // far more than the socket buffers hold, so the server is still writing
        EvidenceItem item = intake.receive(submission(UUID.randomUUID(), "long.mp4", "video/mp4"),
                new ByteArrayInputStream(bytes(size)),
                size);
        String base = "/api/agencies/EVKC/evidence/" + item.id();
        List<LogEntry> entries = new CopyOnWriteArrayList<>();
        LogListener listener = entries::add;
        LogReaderService logs = service(LogReaderService.class, null);
        logs.addLogListener(listener);
        List<String> expected = new java.util.ArrayList<>(List.of("RECEIVED"));
        try {
            for (String[] call : List.of(new String[] {"GET", base + "/content", "ACCESSED"},
                    new String[] {"POST", base + "/export",
                    "EXPORTED"})) {
                entries.clear();
                String requestId = "broken-off-" + UUID.randomUUID();
                abortAfterAFewKibibytes(call[0], call[1], requestId);

                expected.addAll(List.of(call[2], "BROKEN_OFF"));
                JsonNode events = awaitEvents(base, expected.size());
                assertEquals(expected, kinds(events));
                JsonNode handOut = events.path(events.size() - 2);
                JsonNode brokenOff = events.path(events.size() - 1);
                assertEquals(call[2], handOut.path("kind").asText());
                assertFalse("the hand-out is not recorded as complete: " + handOut,
                        handOut.path("detail").asText().contains("downloaded"));
                assertEquals(requestId, brokenOff.path("requestId").asText());
                assertEquals("account:" + accountId(officer), brokenOff.path("actor").asText());
                String detail = brokenOff.path("detail").asText();
                assertTrue(detail, detail.matches("(download|export) broke off after at most \\d+ bytes.*"));
                long sent = Long.parseLong(detail.replaceAll("\\D*(\\d+) bytes.*", "$1"));
                assertTrue(detail, sent > 0 && sent < size);
                assertTrue(http.get(base + "/custody", officer).json().path("chainIntact").asBoolean());

                List<LogEntry> lines = awaitLogLines(entries, requestId);
                assertEquals("one line names the request: " + messages(lines), 1, lines.size());
                LogEntry line = lines.get(0);
                assertEquals(line.getMessage(), LogLevel.INFO, line.getLogLevel());
                assertNull("no stack trace", line.getException());
                assertTrue(line.getMessage(), line.getMessage().contains(item.id().toString()));
                assertTrue(line.getMessage(), line.getMessage().matches(".*\\b\\d+ bytes.*"));
                assertFalse("no personal data", line.getMessage().contains("Neighbor") || line.getMessage().contains("officer@"));
                Thread.sleep(500); // what the server would log after the line: Jersey, Jetty
                List<LogEntry> errors = entries.stream().filter(e -> e.getLogLevel() == LogLevel.ERROR
                        || e.getLogLevel() == LogLevel.WARN
                        || e.getException() != null).toList();
                assertTrue("no error, warning or stack trace: " + messages(errors), errors.isEmpty());
            }
        } finally {
            logs.removeLogListener(listener);
        }
        HttpResponse<byte[]> whole = download(base + "/content", officer);
        assertEquals(item.sha256(), sha256(whole.body()));
        JsonNode events = http.get(base + "/custody", officer).json().path("events");
        assertEquals("a complete download has no BROKEN_OFF after it", "ACCESSED",
                events.path(events.size() - 1).path("kind").asText());
    }

    @Test
    public void anotherAgencysStaffAndResidentsCannotReachAnAgencysEvidence() throws Exception {
        EvidenceItem item = intake.receive(submission(UUID.randomUUID(), "a.mp4", "video/mp4"),
                new ByteArrayInputStream(bytes(1000)), -1);
        String path = "/api/agencies/EVKC/evidence/" + item.id();
        assertEquals(404, http.get(path, otherOfficer).status());
        assertEquals(404, http.get(path + "/content", otherOfficer).status());
        assertEquals(404, http.send("POST", path + "/export", null, null, otherOfficer).status());
        assertEquals("not through the other agency's own path either", 404,
                http.get("/api/agencies/EVJC/evidence/" + item.id() + "/content", otherOfficer).status());
        assertEquals(403, http.get(path + "/content", residentSession("ann@evidence.example")).status());
        assertEquals(401, http.get(path + "/content").status());
        assertEquals("only the officer's own download would be recorded", 1,
                http.get(path + "/custody", officer).json().path("events").size());
    }

    @Test
    public void filesTheAgencyDoesNotAcceptAreRefusedAndLeaveNothing() throws Exception {
        long items = rows("SELECT COUNT(*) FROM evidence.item");
        assertProblem(415, "evidence-type-not-accepted", () -> intake.receive(submission(null, "notes.txt", "text/plain"),
                new ByteArrayInputStream(bytes(10)), 10));
        assertProblem(413, "evidence-too-large", () -> intake.receive(submission(null, "huge.mp4", "video/mp4"),
                new ByteArrayInputStream(new byte[0]), 3L * 1024 * 1024 * 1024));

        policy("EVKC", "{\"evidenceMaxBytes\":100000,\"evidenceTypes\":[\"video/mp4\"]}");
        String detail = assertProblem(413, "evidence-too-large", () -> intake.receive(submission(null, "long.mp4", "video/mp4"),
                new ByteArrayInputStream(bytes(250_000)), -1));
        assertTrue(detail, detail.contains("100000 bytes"));
        assertProblem(415, "evidence-type-not-accepted", () -> intake.receive(submission(null, "still.jpg", "image/jpeg"),
                new ByteArrayInputStream(bytes(10)), 10));
        assertEquals(items, rows("SELECT COUNT(*) FROM evidence.item"));
        assertEquals(0, rows("SELECT COUNT(*) FROM evidence.upload"));
        assertNothingPartial();
    }

    @Test
    public void aStoredFileChangedOnDiskIsReportedRecordedAndNeverServed() throws Exception {
        EvidenceItem item = intake.receive(submission(UUID.randomUUID(), "porch.mp4", "video/mp4"),
                new ByteArrayInputStream(bytes(600_000)), -1);
        Path blob = blob(item.id());
        byte[] stored = Files.readAllBytes(blob);
        stored[stored.length - 100] ^= 0x01; // one bit, in the last segment
        Files.write(blob, stored);

        String base = "/api/agencies/EVKC/evidence/" + item.id();
        HttpResponse<byte[]> download = download(base + "/content", officer);
        assertEquals(500, download.statusCode());
        JsonNode problem = JSON.readTree(download.body());
        assertEquals("urn:porchlight:problem:evidence-integrity", problem.path("type").asText());
        assertEquals(500, download(base + "/export", officer, "POST").statusCode());

        JsonNode events = http.get(base + "/custody", officer).json().path("events");
        assertEquals(List.of("RECEIVED", "INTEGRITY_FAILURE", "INTEGRITY_FAILURE"), kinds(events));
        assertEquals("account:" + accountId(officer), events.path(1).path("actor").asText());
        assertTrue(events.path(1).path("detail").asText(),
                events.path(1).path("detail").asText().contains("failed authentication"));
    }

    @Test
    public void anExportHoldsTheFileItsCustodyRecordAndChecksumsAndIsRecorded() throws Exception {
        byte[] video = bytes(700_000);
        EvidenceItem item = intake.receive(submission(UUID.randomUUID(), "porch.mp4", "video/mp4"),
                new ByteArrayInputStream(video), -1);
        HttpResponse<byte[]> export = download("/api/agencies/EVKC/evidence/" + item.id() + "/export", officer, "POST");
        assertEquals(200, export.statusCode());
        assertEquals("application/zip", export.headers().firstValue("Content-Type").orElseThrow());

        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export.body()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null;) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertArrayEquals(video, entries.get("evidence/porch.mp4"));
        JsonNode custody = JSON.readTree(entries.get("custody.json"));
        assertEquals(List.of("RECEIVED", "EXPORTED"), kinds(custody.path("events")));
        assertTrue(custody.path("chainIntact").asBoolean());
        for (String line : new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8).split("\n")) {
            String[] sum = line.split("  ");
            assertEquals(sum[1], sum[0], sha256(entries.get(sum[1])));
        }
        assertTrue(entries.containsKey("custody.csv") && entries.containsKey("README.txt"));
        assertEquals(List.of("RECEIVED", "EXPORTED"),
                kinds(http.get("/api/agencies/EVKC/evidence/" + item.id() + "/custody", officer)
                .json().path("events")));
    }

    @Test
    public void evidencePastTheAgencysRetentionIsPurgedWithItsKeyAndTheCustodyRecordRemains() throws Exception {
        EvidenceItem old = intake.receive(submission(UUID.randomUUID(), "old.mp4", "video/mp4"),
                new ByteArrayInputStream(bytes(5000)), -1);
        EvidenceItem recent = intake.receive(submission(UUID.randomUUID(), "new.mp4", "video/mp4"),
                new ByteArrayInputStream(bytes(5000)), -1);
        policy("EVKC", "{\"evidenceRetentionDays\":30}");
        received(old.id(), Instant.now().minus(Duration.ofDays(31)));
        received(recent.id(), Instant.now().minus(Duration.ofDays(29)));
        assertTrue(Files.exists(blob(old.id())));

        restartRetention(); // it looks soon after it starts
        String base = "/api/agencies/EVKC/evidence/" + old.id();
        http.await(base, r -> r.status() == 200 && r.json().has("purgedAt"), Duration.ofSeconds(30), officer);
        assertEventually(() -> !Files.exists(blob(old.id())) && rows("SELECT COUNT(*) FROM evidence.item WHERE id = '" + old.id()
                + "' AND purge_completed_at IS NOT NULL") == 1);

        assertEquals("the wrapped key is gone", 0, rows("SELECT COUNT(*) FROM evidence.item WHERE id = '" + old.id()
                + "' AND wrapped_key IS NOT NULL"));
        assertEquals(410, http.get(base + "/content", officer).status());
        JsonNode custody = http.get(base + "/custody", officer).json();
        assertEquals(List.of("RECEIVED", "PURGED"), kinds(custody.path("events")));
        assertEquals("system:evidence-retention", custody.path("events").path(1).path("actor").asText());
        assertTrue(custody.path("chainIntact").asBoolean());
        String audited = "SELECT COUNT(*) FROM audit.entry WHERE action = 'evidence.purged' AND target = 'item=" + old.id() + "'";
        assertEventually(() -> rows(audited) > 0); // joins the chain a moment after the purge's commit
        assertEquals(1, rows(audited));

        assertFalse(http.get("/api/agencies/EVKC/evidence/" + recent.id(), officer).json().has("purgedAt"));
        assertTrue(Files.exists(blob(recent.id())));
    }

    // --- helpers ------------------------------------------------------------------------------

    /**
     * Sends the request over a raw socket, reads the head and a few KiB of the body, and hangs up, as a cancelled
     * download does.
     */
    private void abortAfterAFewKibibytes(String method, String path, String requestId) throws IOException {
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(16 * 1024);
            socket.connect(new InetSocketAddress("127.0.0.1", Integer.parseInt(context.getProperty("porchlight.http.port"))));
            socket.setSoTimeout(60_000);
            String request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + officer[0] + ": " + officer[1]
                    + "\r\nX-Request-Id: " + requestId + "\r\nContent-Length: 0\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            byte[] start = socket.getInputStream().readNBytes(8 * 1024);
            String head = new String(start, StandardCharsets.ISO_8859_1);
            assertTrue(head, head.startsWith("HTTP/1.1 200"));
            socket.setSoLinger(true, 0); // a reset, not a polite close
        }
    }

    private JsonNode awaitEvents(String base, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode events = http.get(base + "/custody", officer).json().path("events");
        while (events.size() < count) {
            if (System.nanoTime() > deadline) {
                fail("not " + count + " custody events within 30 s: " + kinds(events));
            }
            Thread.sleep(100);
            events = http.get(base + "/custody", officer).json().path("events");
        }
        return events;
    }

    private static List<LogEntry> awaitLogLines(List<LogEntry> entries, String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<LogEntry> lines = List.of();
        while (lines.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            lines = entries.stream().filter(e -> e.getMessage() != null && e.getMessage().contains(requestId)).toList();
        }
        return lines;
    }

    private static List<String> messages(List<LogEntry> entries) {
        return entries.stream().map(e -> e.getLogLevel() + " " + e.getLoggerName() + ": " + e.getMessage()
                + (e.getException() == null ? "" : " " + e.getException())).toList();
    }

    private Submission submission(UUID request, String fileName, String type) {
        return new Submission("EVKC", CASE, request, request == null ? null : UUID.randomUUID(),
                "Neighbor 1234-5678-9012", fileName, type);
    }

    /**
     * Replaces the agency's settings with the same ones and the given policy. The agencies are this
     * test's own: other tests may run on the same PostgreSQL database at the same time.
     */
    private void policy(String agency, String policy) {
        Http.Response r = http.send("PUT", "/api/agencies/" + agency, "application/json", "{\"name\":\"" + agency + " Police\","
                + "\"timeZone\":\"America/Chicago\",\"contactEmail\":\"records@" + agency.toLowerCase() + ".example\","
                + "\"jurisdiction\":{\"type\":\"circle\",\"center\":{\"latitude\":39.0997,\"longitude\":-94.5786},"
                + "\"radiusMeters\":20000},"
                + "\"policy\":" + policy + "}", admin);
        assertEquals(r.body(), 200, r.status());
    }

    private void received(UUID item, Instant at) throws Exception {
        try (var c = primaryDataSource().getConnection();
                var s = c.prepareStatement("UPDATE evidence.item SET received_at = ? WHERE id = ?")) {
            s.setObject(1, java.time.OffsetDateTime.ofInstant(at, java.time.ZoneOffset.UTC));
            s.setObject(2, item);
            assertEquals(1, s.executeUpdate());
        }
    }

    private void restartRetention() throws Exception {
        ServiceComponentRuntime scr = service(ServiceComponentRuntime.class, null);
        ComponentDescriptionDTO retention = scr.getComponentDescriptionDTO(bundle("org.porchlight.evidence"),
                "org.porchlight.evidence.RetentionSchedule");
        scr.disableComponent(retention).getValue();
        scr.enableComponent(retention).getValue();
    }

    private Path evidenceFolder() {
        return Path.of(context.getProperty("porchlight.data")).resolve("evidence");
    }

    /** Where the store keeps the item's encrypted bytes as a file, for the tests that look at or change them. */
    protected Path blob(UUID item) {
        String id = item.toString();
        return evidenceFolder().resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id);
    }

    /** Fails if refused uploads left anything in the store: for the files store, a temporary file. */
    protected void assertNothingPartial() throws Exception {
        try (var files = Files.walk(evidenceFolder().resolve(".incoming"))) {
            assertEquals("no partial file", 1, files.count());
        }
    }

    private String accountId(String[] session) {
        return http.get("/api/me", session).json().path("id").asText();
    }

    private HttpResponse<byte[]> download(String path, String[] session) throws Exception {
        return download(path, session, "GET");
    }

    private HttpResponse<byte[]> download(String path, String[] session, String method) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + context.getProperty("porchlight.http.port")
                + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header(session[0], session[1])
                        .timeout(Duration.ofSeconds(60)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Runs {@code call}, which must throw a ProblemException of this status and type; returns its detail. */
    private static String assertProblem(int status, String type, Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            assertEquals(e.getMessage(), status, e.problem().status());
            assertEquals("urn:porchlight:problem:" + type, e.problem().type().toString());
            return e.getMessage();
        }
        fail("expected a " + status + " problem");
        return null;
    }

    private static void assertEventually(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.call()) {
            if (System.nanoTime() > deadline) {
                fail("condition not reached within 30 s");
            }
            Thread.sleep(100);
        }
    }

    private static List<String> kinds(JsonNode events) {
        List<String> kinds = new java.util.ArrayList<>();
        events.forEach(e -> kinds.add(e.path("kind").asText()));
        return kinds;
    }

    static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
