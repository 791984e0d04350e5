package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.After;
import org.junit.Test;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.FixtureBundles;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.testing.plugin.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The outbox worker killed (SIGKILL) in the middle of a fan-out to 20,000 residents, then
 * restarted: every resident has the notification in their inbox exactly once, nothing is left
 * pending, and the external channel got every one of its 1,000 deliveries, repeated only for the
 * deliveries the kill cut off. The real distribution on its embedded database; the fixture module
 * that enqueues the fan-out is dropped into deploy/ like any module.
 *
 * <p>The fixture enqueues again when it starts after the restart, and the outbox skips what it holds.
 */
public class NotificationKillIT {

    /** The platform admin of the Pax Exam tests: on PostgreSQL it exists already, the embedded database gets it at start. */
    private static final String ADMIN = PorchlightTestSupport.ADMIN_EMAIL;
    private static final String PASSWORD = PorchlightTestSupport.ADMIN_PASSWORD;
    private static final int RECIPIENTS = 20_000;
    private static final int LEDGER = RECIPIENTS / 20;
    private static final int DELIVERY_THREADS = 4;

    private ServerProcess server;

    @After
    public void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void aWorkerKilledMidFanOutLosesNothingAndNotifiesNobodyTwiceAfterTheRestart() throws Exception {
        Path home = Distribution.freshHome(getClass().getSimpleName());
        int port = Distribution.freePort();
        Map<String, String> env = new HashMap<>(Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(port), "PORCHLIGHT_ADMIN_EMAIL", ADMIN,
                "PORCHLIGHT_ADMIN_PASSWORD", PASSWORD, "ITEST_FANOUT_RUN", UUID.randomUUID().toString()));
        env.putAll(database());
        // A dead node's leases run out after 5 s rather than 2 minutes; retries come back after 1 s.
        Files.writeString(home.resolve("etc/org.porchlight.notifications.cfg"),
                "\nleaseSeconds = 5\nbackoffBaseSeconds = 1\nbackoffMaxSeconds = 2\nstartDelaySeconds = 1\n", StandardOpenOption.APPEND);
        server = ServerProcess.start(home, env);
        server.awaitReady(Duration.ofSeconds(120));
        Http http = new Http(port);

        FixtureBundles.buildAll();
        Files.copy(Fixtures.signed(Fixtures.fanOut()), home.resolve("deploy/fanout.jar"));
        String[] admin = signIn(http);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode atKill = null;
        while (System.nanoTime() < deadline) {
            Http.Response status = http.get("/api/itest/fanout", admin);
            // A quarter of the way: some inbox batches and some external deliveries are committed, most are not.
            if (status.status() == 200 && status.json().path("inbox").asLong() >= RECIPIENTS / 4) {
                server.kill();
                atKill = status.json();
                break;
            }
            Thread.sleep(5);
        }
        assertTrue("the fan-out started within a minute: " + server.stdout(), atKill != null);
        assertTrue("killed in the middle of the fan-out, not after it: " + atKill, atKill.path("inbox").asLong() < RECIPIENTS);
        String firstRun = fixtureLines(server.stdout());

        server = ServerProcess.start(home, env);
        server.awaitReady(Duration.ofSeconds(120));
        String[] again = signIn(http);
        JsonNode done = http.await("/api/itest/fanout", r -> r.status() == 200 && r.json().path("inbox").asLong() == RECIPIENTS
                && r.json().path("pendingFanOut").asLong() == 0 && r.json().path("pendingDeliveries").asLong() == 0
                && r.json().path("ledgerDeliveries").asLong() == LEDGER, Duration.ofSeconds(180), again).json();

        assertEquals(done.toString(), RECIPIENTS, done.path("notifications").asLong());
        assertEquals("every resident has it exactly once: " + done, RECIPIENTS, done.path("inboxRecipients").asLong());
        Thread.sleep(2_000); // nothing more arrives later
        JsonNode later = http.get("/api/itest/fanout", again).json();
        assertEquals(later.toString(), RECIPIENTS, later.path("inbox").asLong());

        // The external channel: every delivery arrived; the only repeats are those the kill cut off.
        List<String> ledger = Files.readAllLines(home.resolve("data/itest-ledger.txt"));
        Set<String> delivered = new HashSet<>();
        for (String line : ledger) {
            delivered.add(line.split(" ")[0]);
        }
        assertEquals("every ledger delivery arrived", LEDGER, delivered.size());
        assertTrue("repeated only what the kill cut off: " + (ledger.size() - LEDGER) + " repeats",
                ledger.size() - LEDGER <= maxRepeats());
        System.out.println("NotificationKillIT: killed at " + atKill + "; inbox " + later + "; ledger lines " + ledger.size()
                + " for " + delivered.size() + " deliveries; fixture said: " + firstRun + "then, after the restart: "
                + fixtureLines(server.stdout()));
    }

    /** Extra settings of the server, e.g. the database; the embedded one here. */
    protected Map<String, String> database() {
        return Map.of();
    }

    /**
     * How many external deliveries may be made twice: only those in flight at the kill, at most one
     * per delivery thread ({@code deliveryThreads} in etc/org.porchlight.notifications.cfg), since a
     * committed delivery record survives the kill on either database.
     */
    protected int maxRepeats() {
        return DELIVERY_THREADS;
    }

    private static String fixtureLines(String stdout) {
        StringBuilder lines = new StringBuilder();
        for (String line : stdout.split("\n")) {
            if (line.startsWith("itest fan-out:")) {
                lines.append(line).append("; ");
            }
        }
        return lines.toString();
    }

    private static String[] signIn(Http http) {
        Http.Response token = http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", ADMIN, "password", PASSWORD));
        assertEquals(token.body(), 200, token.status());
        return new String[] {"Authorization", "Bearer " + token.json().path("access_token").asText()};
    }
}
