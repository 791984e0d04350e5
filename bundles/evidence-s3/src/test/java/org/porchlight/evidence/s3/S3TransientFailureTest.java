package org.porchlight.evidence.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.testing.TestConfiguration;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A server that fails a write once, as a busy or restarting object store does: s3proxy cannot be
 * made to, so this is a small HTTP server that answers like S3 and fails the first PUT of each
 * key with 503 SlowDown.
 */
class S3TransientFailureTest {

    @TempDir
    Path folder;
    private HttpServer server;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final List<String> puts = new CopyOnWriteArrayList<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger landedButLost = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        objects.put("/bucket", new byte[0]);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestURI().getPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        if ("aws-chunked".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            body = unchunked(body); // the SDK signs each chunk of a body it sends over plain HTTP
        }
        switch (exchange.getRequestMethod()) {
            case "PUT" -> {
                puts.add(exchange.getRequestHeaders().getFirst("Expect") + " " + body.length);
                if (objects.containsKey(key) && "*".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                    error(exchange, 412, "PreconditionFailed");
                } else if (failuresLeft.getAndDecrement() > 0) {
                    error(exchange, 503, "SlowDown");
                } else {
                    objects.put(key, body);
                    tokens.put(key, String.valueOf(exchange.getRequestHeaders().getFirst("x-amz-meta-porchlight-write")));
                    if (landedButLost.getAndDecrement() > 0) {
                        error(exchange, 500, "InternalError"); // kept, but the answer says otherwise
                    } else {
                        exchange.getResponseHeaders().add("ETag", "\"e\"");
                        exchange.sendResponseHeaders(200, -1);
                    }
                }
            }
            case "HEAD" -> {
                byte[] object = objects.get(key);
                if (object == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    exchange.getResponseHeaders().add("Content-Length", Integer.toString(object.length));
                    if (tokens.containsKey(key)) {
                        exchange.getResponseHeaders().add("x-amz-meta-porchlight-write", tokens.get(key));
                    }
                    exchange.sendResponseHeaders(200, -1);
                }
            }
            default -> exchange.sendResponseHeaders(501, -1);
        }
        exchange.close();
    }

    private static void error(HttpExchange exchange, int status, String code) throws IOException {
        byte[] error = ("<Error><Code>" + code + "</Code><Message>" + code + "</Message></Error>").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, error.length);
        exchange.getResponseBody().write(error);
    }

    /** The data of an aws-chunked body: chunks of {@code <hex size>;chunk-signature=...\r\n<data>\r\n}. */
    private static byte[] unchunked(byte[] body) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int end = indexOfLineEnd(body, at);
            int size = Integer.parseInt(new String(body, at, end - at, StandardCharsets.US_ASCII).split(";")[0], 16);
            if (size == 0) {
                return data.toByteArray();
            }
            data.write(body, end + 2, size);
            at = end + 2 + size + 2;
        }
    }

    private static int indexOfLineEnd(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        throw new IllegalArgumentException("not aws-chunked");
    }

    private S3EvidenceStore store() throws IOException {
        return store(false);
    }

    private S3EvidenceStore store(boolean conditionalWrites) throws IOException {
        Path secret = Files.writeString(folder.resolve("secret"), "test-secret\n");
        return new S3EvidenceStore(TestConfiguration.of(S3StoreConfiguration.class, Map.of("endpoint",
                "http://127.0.0.1:" + server.getAddress().getPort(), "bucket", "bucket", "pathStyle", true,
                "accessKeyId", "test", "secretFile", secret.toString(), "conditionalWrites", conditionalWrites, "checksums", false)));
    }

    @Test
    void aWriteThatTheServerFailsOnceIsSentAgainWholeAndKept() throws IOException {
        byte[] blob = new byte[2 * 1024 * 1024 + 7];
        new Random(5).nextBytes(blob);
        failuresLeft.set(1);
        S3EvidenceStore store = store();
        try {
            store.write("item-1", new ByteArrayInputStream(blob));
        } finally {
            store.close();
        }
        assertThat(objects.get("/bucket/evidence/item-1")).isEqualTo(blob);
        // Both attempts carried the whole part, and neither waited for a "100 Continue".
        assertThat(puts).containsExactly("null " + blob.length, "null " + blob.length);
    }

    @Test
    void aRetriedWriteWhoseFirstAttemptLandedFindsItsOwnObjectAndSucceeds() throws IOException {
        byte[] blob = new byte[5000];
        new Random(6).nextBytes(blob);
        landedButLost.set(1);
        S3EvidenceStore store = store(true);
        try {
            store.write("item-2", new ByteArrayInputStream(blob));
        } finally {
            store.close();
        }
        assertThat(objects.get("/bucket/evidence/item-2")).isEqualTo(blob);
        assertThat(puts).as("the retry met the object of the first attempt").hasSize(2);
    }

    @Test
    void anObjectOfAnotherWriteIsStillRefused() throws IOException {
        objects.put("/bucket/evidence/item-3", new byte[] {1});
        tokens.put("/bucket/evidence/item-3", "another write");
        S3EvidenceStore store = store(true);
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.write("item-3", new ByteArrayInputStream(new byte[10])))
                    .isInstanceOf(java.nio.file.FileAlreadyExistsException.class);
        } finally {
            store.close();
        }
        assertThat(objects.get("/bucket/evidence/item-3")).containsExactly(1);
    }
}
