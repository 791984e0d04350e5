package org.porchlight.itests.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Real HTTP over loopback to the server under test. */
public final class Http {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers.firstValue("Content-Type").orElse("") + " " + body;
        }
    }

    /** {@code http://127.0.0.1:<port>}, to build requests of one's own. */
    public String base() {
        return base;
    }

    public Response get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    public Response send(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder, headers);
    }

    /** Sends a bundle file as the body ({@code application/java-archive}), as module uploads are. */
    public Response upload(String method, String path, java.nio.file.Path jar, String... headers) throws java.io.IOException {
        return send(HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.ofByteArray(java.nio.file.Files.readAllBytes(jar)))
                .header("Content-Type", "application/java-archive"), headers);
    }

    /** Posts an {@code application/x-www-form-urlencoded} form. */
    public Response postForm(String path, java.util.Map<String, String> form, String... headers) {
        String body = form.entrySet().stream()
                .map(e -> java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(java.util.stream.Collectors.joining("&"));
        return send("POST", path, "application/x-www-form-urlencoded", body, headers);
    }

    public Response postJson(String path, String json, String... headers) {
        return send("POST", path, "application/json", json, headers);
    }

    /**
     * Posts a large body over a plain socket, because the server may answer before the body is
     * sent, which java.net.http (Java 17) does not cope with. With {@code chunked} the length is
     * not announced and the body is streamed; otherwise Content-Length is announced together with
     * {@code Expect: 100-continue} and the body is sent only if the server asks for it, as careful
     * clients do. Returns the status line and the body of the answer.
     */
    public String[] postLargeRaw(String path, String contentType, byte[] body, boolean chunked) throws IOException {
        URI target = uri(path);
        try (java.net.Socket socket = new java.net.Socket(target.getHost(), target.getPort())) {
            socket.setSoTimeout(30_000);
            java.io.OutputStream out = socket.getOutputStream();
            java.io.InputStream in = socket.getInputStream();
            String head = "POST " + target.getRawPath() + " HTTP/1.1\r\nHost: " + target.getHost() + "\r\nContent-Type: " + contentType
                    + "\r\nConnection: close\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + body.length + "\r\nExpect: 100-continue\r\n")
                    + "\r\n";
            out.write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            if (chunked) {
                try {
                    for (int offset = 0; offset < body.length; offset += 8192) {
                        int length = Math.min(8192, body.length - offset);
                        out.write((Integer.toHexString(length) + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        out.write(body, offset, length);
                        out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException refusedMidway) {
                    // the server answered and closed before the whole body was sent: read its answer
                }
            }
            String answer = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (answer.startsWith("HTTP/1.1 100")) {
                throw new AssertionError("the server asked for the body instead of refusing it: " + answer);
            }
            int bodyStart = answer.indexOf("\r\n\r\n");
            return new String[] {answer.substring(0, answer.indexOf("\r\n")), answer.substring(bodyStart + 4)};
        }
    }

    /**
     * Sends {@code request} as it is over a plain socket (java.net.http refuses to send what is
     * malformed) and returns the answer's status line, its head and its body.
     */
    public String[] raw(byte[] request) throws IOException {
        URI target = uri("/");
        try (java.net.Socket socket = new java.net.Socket(target.getHost(), target.getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            if (headEnd < 0) {
                throw new AssertionError("no complete answer: " + answer);
            }
            return new String[] {answer.substring(0, answer.indexOf("\r\n")), answer.substring(0, headEnd),
                answer.substring(headEnd + 4)};
        }
    }

    public Response send(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = client.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (HttpTimeoutException e) {
            // The framework runs in this JVM (Pax Exam's native container): show where the server is stuck.
            System.err.println("Request timed out: " + builder.build().method() + " " + builder.build().uri()
                    + "; thread dump follows\n" + threadDump());
            throw new UncheckedIOException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String threadDump() {
        StringBuilder dump = new StringBuilder();
        for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
            dump.append('"').append(thread.getThreadName()).append("\" ").append(thread.getThreadState());
            if (thread.getLockName() != null) {
                dump.append(" on ").append(thread.getLockName()).append(" held by ").append(thread.getLockOwnerName());
            }
            dump.append('\n');
            for (StackTraceElement frame : thread.getStackTrace()) {
                dump.append("    at ").append(frame).append('\n');
            }
        }
        return dump.toString();
    }

    /** Polls {@code path} until the answer satisfies {@code until}; fails with the last answer. */
    public Response await(String path, Predicate<Response> until, Duration timeout, String... headers) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = get(path, headers);
                if (until.test(last)) {
                    return last;
                }
            } catch (UncheckedIOException e) {
                // not listening yet
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("GET " + path + " did not reach the expected answer within " + timeout + "; last: " + last);
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }
}
