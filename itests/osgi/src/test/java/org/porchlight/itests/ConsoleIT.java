package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.Test;
import org.porchlight.itests.support.Distribution;
import org.porchlight.testing.plugin.ServerProcess;

/** {@code bin/porchlight --console} opens the Gogo shell on the terminal. */
public class ConsoleIT {

    @Test
    public void theConsoleRunsGogoCommands() throws Exception {
        Path home = Distribution.freshHome("ConsoleIT");
        try (ServerProcess server = ServerProcess.start(home,
                Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(Distribution.freePort())), "--console")) {
            server.awaitReady(Duration.ofSeconds(120));
            OutputStream shell = server.process().getOutputStream();
            shell.write("lb -s porchlight\n".getBytes(StandardCharsets.UTF_8));
            shell.flush();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!server.stdout().contains("org.porchlight.rest") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(server.stdout(), server.stdout().contains("org.porchlight.rest"));

            shell.write("stop 0\n".getBytes(StandardCharsets.UTF_8));
            shell.flush();
            assertEquals("stopping the framework from the shell ends the process cleanly", 0, server.awaitExit(Duration.ofSeconds(60)));
        }
    }
}
