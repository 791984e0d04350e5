package org.porchlight.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real S3 server for tests: s3proxy over a folder, started as a process of its own from its jar
 * with dependencies (system property {@code porchlight.s3proxy.jar}; the modules that use it copy
 * the jar there), since its own AWS SDK must not meet the one under test on a class path. Objects
 * are plain files under {@code <folder>/<bucket>/<key>}, so tests can look at and change them.
 */
public final class S3ProxyServer implements AutoCloseable {

    /** The test server's credentials: test-only values, used nowhere else. */
    public static final String ACCESS_KEY_ID = "porchlight-itest";
    public static final String SECRET = "porchlight-itest-secret-not-for-production";
    public static final String REGION = "us-east-1";

    private final Process process;
    private final Path folder;
    private final int port;

    private S3ProxyServer(Process process, Path folder, int port) {
        this.process = process;
        this.folder = folder;
        this.port = port;
    }

    /**
     * Starts s3proxy on a free port of 127.0.0.1 with the given buckets, empty, under {@code folder}
     * (what an earlier run left there is deleted).
     */
    public static S3ProxyServer start(Path folder, String... buckets) {
        String jar = System.getProperty("porchlight.s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property porchlight.s3proxy.jar must name s3proxy's jar with dependencies, not "
                    + jar);
        }
        try {
            Path data = folder.resolve("data");
            if (Files.exists(data)) {
                try (var old = Files.walk(data)) {
                    for (Path path : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(path);
                    }
                }
            }
            Files.createDirectories(data);
            for (String bucket : buckets) {
                Files.createDirectories(data.resolve(bucket));
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Path properties = folder.resolve("s3proxy.properties");
            Files.writeString(properties, String.join("\n", List.of(
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY_ID,
                    "s3proxy.credential=" + SECRET,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + data)) + "\n");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-XX:TieredStopAtLevel=1", "-jar", jar, "--properties", properties.toString())
                    .redirectErrorStream(true).redirectOutput(folder.resolve("s3proxy.log").toFile()).start();
            S3ProxyServer server = new S3ProxyServer(process, data, port);
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            server.await(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void await(Duration limit) throws IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("s3proxy stopped at start; see " + folder.getParent().resolve("s3proxy.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while s3proxy starts");
                }
            }
        }
        close();
        throw new IOException("s3proxy did not listen within " + limit + "; see " + folder.getParent().resolve("s3proxy.log"));
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the objects are: {@code <folder>/<bucket>/<key>}. */
    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
