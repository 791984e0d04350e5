package org.porchlight.itests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.porchlight.testing.S3ProxyServer;

/**
 * s3proxy servers for the tests that keep evidence in S3, one per test class, started on the
 * driver's side (in {@code @Configuration}) and ending with the test JVM. The probe inside the
 * framework never loads this class: porchlight-testing is not in it.
 */
public final class S3Proxies {

    private static final Map<String, S3ProxyServer> SERVERS = new HashMap<>();

    private S3Proxies() {
    }

    /** Starts the server of {@code name} with {@code bucket}, unless it runs; returns the folder of its objects. */
    public static synchronized String start(String name, String bucket) {
        return SERVERS.computeIfAbsent(name, n -> S3ProxyServer.start(Fixtures.work().resolve("s3proxy").resolve(n), bucket))
                .folder().toString();
    }

    /**
     * Writes {@code etc/org.porchlight.evidence.s3.cfg} for the server of {@code name} (started by
     * {@link #of}) as an operator would, the secret in a file, and returns the folder of its objects.
     */
    public static String configure(String name, String bucket, Path etc, String... more) throws IOException {
        S3ProxyServer server = SERVERS.get(name);
        Path secret = Files.writeString(Fixtures.work().resolve("s3proxy").resolve(name).resolve("secret"), S3ProxyServer.SECRET);
        List<String> lines = new ArrayList<>(List.of(
                "endpoint = " + server.endpoint(),
                "region = " + S3ProxyServer.REGION,
                "bucket = " + bucket,
                "pathStyle = true",
                "accessKeyId = " + S3ProxyServer.ACCESS_KEY_ID,
                "secretFile = " + secret));
        lines.addAll(List.of(more));
        Files.writeString(etc.resolve("org.porchlight.evidence.s3.cfg"), String.join("\n", lines) + "\n");
        return server.folder().toString();
    }
}
