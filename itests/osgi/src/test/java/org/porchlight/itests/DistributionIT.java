package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.FixtureBundles;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.testing.plugin.ServerProcess;

/** The distribution run as an operator runs it: bin/porchlight, the data folder, deploy/. */
public class DistributionIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final Duration SWAP = Duration.ofSeconds(30);

    private static Path home;
    private static int port;
    private static ServerProcess server;
    private static Http http;

    @BeforeClass
    public static void start() throws Exception {
        FixtureBundles.buildAll();
        home = Distribution.freshHome("DistributionIT");
        // Files already in deploy/ at start go through the same checks as files dropped in later.
        Files.copy(Fixtures.signed(Fixtures.echo()), home.resolve("deploy/echo.jar"));
        Files.copy(Fixtures.failing(), home.resolve("deploy/unsigned-at-start.jar"));
        port = Distribution.freePort();
        server = ServerProcess.start(home, Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(port)));
        server.awaitReady(STARTUP);
        http = new Http(port);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void startsOnTheEmbeddedDatabaseUnderItsDataFolderAndSaysWhere() {
        assertTrue(server.stdout(), server.stdout().contains("Porchlight is ready on http://localhost:" + port + "/api"));
        Http.Response health = http.get("/api/health");
        assertEquals(200, health.status());
        assertEquals("H2", health.json().path("checks").path("database").path("details").path("product").asText());
        assertTrue(Files.exists(home.resolve("data/db/porchlight.mv.db")));
    }

    @Test
    public void theFirstStartPrintsASetupTokenOnceThatCreatesTheFirstAdminOnce() throws Exception {
        java.util.regex.Matcher printed = java.util.regex.Pattern.compile("pls_[A-Za-z0-9_-]+").matcher(server.stdout());
        assertTrue(server.stdout(), printed.find());
        String token = printed.group();
        assertEquals("printed once", server.stdout().indexOf(token), server.stdout().lastIndexOf(token));
        assertTrue(http.get("/api/setup").json().path("required").asBoolean());

        String admin = "{\"setupToken\":\"" + token + "\",\"email\":\"root@dist.example\",\"password\":\"first admin passphrase\","
                + "\"displayName\":\"Root\"}";
        assertEquals(400, http.postJson("/api/setup", admin.replace(token, token + "x")).status());
        assertEquals(201, http.postJson("/api/setup", admin).status());
        assertEquals("used up", 400, http.postJson("/api/setup", admin.replace("root@", "second@")).status());
        assertEquals(false, http.get("/api/setup").json().path("required").asBoolean());
        assertEquals(200, http.postForm("/api/auth/token", Map.of("grant_type", "password", "username", "root@dist.example",
                "password", "first admin passphrase")).status());

        for (String secret : new String[] {"token-signing.jwks", "pseudonym.key"}) {
            Path file = home.resolve("data/secrets").resolve(secret);
            assertEquals(secret, "rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
    }

    @Test
    public void bundlesInTheDeployFolderAtStartAreCheckedLikeAnyOther() {
        assertEquals("the signed one runs", 200, http.await("/api/itest/echo/page?limit=1", r -> r.status() == 200, SWAP).status());
        assertTrue(server.stdout(), server.stdout().contains(
                "Module refused (deploy-folder unsigned-at-start.jar): the file is not signed"));
        assertFalse("the unsigned one never ran", server.stdout().contains("the fixture refuses to start"));
    }

    @Test
    public void theDeployFolderInstallsUpdatesAndUninstallsWithoutARestart() throws Exception {
        long pid = server.process().pid();
        Path deployed = home.resolve("deploy/greeting.jar");

        Files.copy(Fixtures.signed(Fixtures.greeting(1)), deployed, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(1, http.await("/api/itest/greeting", r -> r.status() == 200, SWAP).json().path("version").asInt());

        // Overwrite in place, as an admin would: write a temporary file, then move it over the old one.
        Path next = home.resolve("deploy/.greeting.jar.tmp");
        Files.copy(Fixtures.signed(Fixtures.greeting(2)), next, StandardCopyOption.REPLACE_EXISTING);
        Files.move(next, deployed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        http.await("/api/itest/greeting", r -> r.status() == 200 && r.json().path("version").asInt() == 2, SWAP);

        Files.delete(deployed);
        Http.Response gone = http.await("/api/itest/greeting", r -> r.status() == 404, SWAP);
        assertEquals("application/problem+json", gone.header("Content-Type").orElse(""));

        // A bundle nobody trusted signed is refused, with the reason in the log; nothing of it runs.
        Files.copy(Fixtures.greeting(1), home.resolve("deploy/unsigned.jar"));
        long deadline = System.nanoTime() + SWAP.toNanos();
        while (!server.stdout().contains("unsigned.jar") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(server.stdout(), server.stdout().contains("Module refused (deploy-folder unsigned.jar): the file is not signed"));
        assertEquals(404, http.get("/api/itest/greeting").status());

        assertTrue(server.process().isAlive());
        assertEquals(pid, server.process().pid());
        assertEquals(200, http.get("/api/health").status());
    }
}
