package org.porchlight.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The JDK's {@code keytool}, for tests that make key stores and certificates (HTTPS set-up, the server's TLS). */
public final class Keytool {

    private Keytool() {
    }

    /**
     * Runs the running JVM's {@code keytool} with {@code arguments} and waits for it (a minute at most).
     *
     * @throws IOException with keytool's output if it fails or does not finish
     */
    public static void run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }
}
