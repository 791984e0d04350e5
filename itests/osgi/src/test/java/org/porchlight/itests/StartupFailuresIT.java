package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.Test;
import org.porchlight.itests.support.Distribution;
import org.porchlight.testing.plugin.ServerProcess;

/** A bad setting ends start-up with one line that says what to fix, and a non-zero exit. */
public class StartupFailuresIT {

    @Test
    public void aPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("0.0.0.0", 0));
            String line = failsWithOneLine("port-in-use", Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(taken.getLocalPort())));
            assertTrue(line, line.contains("Port " + taken.getLocalPort()) && line.contains("already in use"));
            assertTrue(line, line.contains("PORCHLIGHT_HTTP_PORT"));
        }
    }

    @Test
    public void aPortThatIsNotANumber() throws Exception {
        String line = failsWithOneLine("port-nan", Map.of("PORCHLIGHT_HTTP_PORT", "eighty"));
        assertTrue(line, line.contains("PORCHLIGHT_HTTP_PORT must be a whole number from 1 to 65535, got 'eighty'"));
    }

    @Test
    public void aDataFolderThatCannotBeCreated() throws Exception {
        Path file = Files.createTempFile("porchlight-not-a-folder", ".txt");
        try {
            String line = failsWithOneLine("bad-data", Map.of("PORCHLIGHT_DATA", file.resolve("data").toString(),
                    "PORCHLIGHT_HTTP_PORT", Integer.toString(Distribution.freePort())));
            assertTrue(line, line.contains("The data folder " + file.resolve("data")));
            assertTrue(line, line.contains("PORCHLIGHT_DATA"));
        } finally {
            Files.delete(file);
        }
    }

    @Test
    public void anUnreachableDatabase() throws Exception {
        int closed = Distribution.freePort();
        String line = failsWithOneLine("bad-database", Map.of(
                "PORCHLIGHT_DB_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/test",
                "PORCHLIGHT_HTTP_PORT", Integer.toString(Distribution.freePort())));
        assertTrue(line, line.contains("database"));
        assertTrue(line, line.contains("jdbc:postgresql://127.0.0.1:" + closed + "/test"));
        assertTrue(line, line.contains("Connection refused"));
        assertTrue(line, line.contains("PORCHLIGHT_DB_URL"));
    }

    @Test
    public void aUrlForAnotherDatabase() throws Exception {
        String line = failsWithOneLine("mysql", Map.of("PORCHLIGHT_DB_URL", "jdbc:mysql://db/porchlight?password=hunter2"));
        assertTrue(line, line.contains("PORCHLIGHT_DB_URL must be a jdbc:postgresql:// URL"));
        assertFalse("credentials are never echoed", line.contains("hunter2"));
    }

    @Test
    public void httpsWithoutItsKeystoreNorAPasswordInConfigProperties() throws Exception {
        Map<String, String> env = Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(Distribution.freePort()),
                "PORCHLIGHT_HTTPS_KEYSTORE_PASSWORD", "hunter2-keystore");
        String line = failsWithOneLine("https-no-keystore", env, home -> edit(home.resolve("etc/config.properties"),
                "org.apache.felix.https.enable=false", "org.apache.felix.https.enable=true"));
        assertTrue(line, line.contains("The HTTPS keystore") && line.contains("etc/https/keystore.p12 does not exist"));
        assertFalse("the password is never echoed", line.contains("hunter2"));

        String inFile = failsWithOneLine("https-password-in-file", Map.of(), home -> edit(home.resolve("etc/config.properties"),
                "org.apache.felix.https.enable=false", "org.apache.felix.https.keystore.password=hunter2-keystore"));
        assertTrue(inFile, inFile.contains("etc/config.properties must not hold the keystore password"));
        assertFalse("the password is never echoed", inFile.contains("hunter2"));
    }

    private static void edit(Path file, String from, String to) {
        try {
            Files.writeString(file, Files.readString(file).replace(from, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String failsWithOneLine(String name, Map<String, String> env) throws Exception {
        return failsWithOneLine(name, env, home -> { });
    }

    /**
     * Runs the server in a home that {@code prepare} may change first, expects exit code 1 and exactly
     * one line on stderr; returns that line.
     */
    private static String failsWithOneLine(String name, Map<String, String> env, Consumer<Path> prepare) throws Exception {
        Path home = Distribution.freshHome("StartupFailuresIT-" + name);
        prepare.accept(home);
        // Keep the database test short: the default waits 10 s for the database.
        Files.writeString(home.resolve("etc/org.porchlight.store.cfg"), "connectTimeoutSeconds = 2\n");
        try (ServerProcess server = ServerProcess.start(home, env)) {
            assertEquals(server.stdout() + server.stderr(), 1, server.awaitExit(Duration.ofSeconds(90)));
            List<String> lines = server.stderr().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(server.stderr(), 1, lines.size());
            String line = lines.get(0);
            assertTrue(line, line.startsWith("porchlight: "));
            String everything = server.stdout() + server.stderr();
            assertFalse("no stack trace: " + everything, everything.contains("\tat "));
            return line;
        }
    }
}
