package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.Test;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.FixtureBundles;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.testing.plugin.ServerProcess;

/** SIGTERM stops the server cleanly: requests in flight finish, then the process ends. */
public class ShutdownIT {

    @Test
    public void sigtermLetsRequestsInFlightFinishThenStops() throws Exception {
        FixtureBundles.buildAll();
        Path home = Distribution.freshHome("ShutdownIT");
        Files.copy(Fixtures.signed(Fixtures.echo()), home.resolve("deploy/echo.jar"));
        int port = Distribution.freePort();
        try (ServerProcess server = ServerProcess.start(home, Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(port)))) {
            server.awaitReady(Duration.ofSeconds(120));
            Http http = new Http(port);
            http.await("/api/itest/echo/page?limit=1", r -> r.status() == 200, Duration.ofSeconds(30));

            CompletableFuture<Http.Response> inFlight = CompletableFuture.supplyAsync(() -> http.get("/api/itest/echo/slow?millis=3000"));
            Thread.sleep(700); // the request is now being served
            server.terminate();

            Http.Response finished = inFlight.get();
            assertEquals(finished.toString(), 200, finished.status());
            assertEquals(3000, finished.json().path("sleptMillis").asLong());

            int exit = server.awaitExit(Duration.ofSeconds(60));
            assertEquals("SIGTERM ends the JVM with 128+15", 143, exit);
            assertTrue(server.stdout(), server.stdout().contains("Porchlight stopped"));
            assertFalse(server.stdout(), server.stdout().contains("did not stop"));
            // The bundles' last writes (the final audit checkpoint) reach the database before it closes.
            assertFalse(server.stdout(), server.stdout().contains("Database is already closed"));
            assertFalse(server.stdout(), server.stdout().contains("Signing an audit checkpoint failed"));
            try {
                http.get("/api/health");
                throw new AssertionError("still listening after it stopped");
            } catch (java.io.UncheckedIOException expected) {
                assertTrue(expected.getCause() instanceof ConnectException);
            }
        }
    }
}
