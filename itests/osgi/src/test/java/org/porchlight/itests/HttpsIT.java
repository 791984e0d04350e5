package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.testing.plugin.ServerProcess;
import org.porchlight.testing.Keytool;

/**
 * HTTPS on the built-in server, as an operator sets it up in etc/: a PKCS#12 keystore made now with
 * keytool (none is committed), its password in a file, HTTPS on a free port, the redirect and HSTS on,
 * 127.0.0.1 a trusted proxy (a socket bound to 127.0.0.2 is a peer that is not), and the log in JSON
 * lines. Calls go over real TLS with a client that trusts that certificate only.
 */
public class HttpsIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final String KEYSTORE_PASSWORD = "itest keystore passphrase 7f3a";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path home;
    private static int port;
    private static int securePort;
    private static ServerProcess server;
    private static HttpClient tls;

    @BeforeClass
    public static void start() throws Exception {
        home = Distribution.freshHome("HttpsIT");
        Path keystore = home.resolve("etc/https/keystore.p12");
        Files.createDirectories(keystore.getParent());
        Keytool.run("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", KEYSTORE_PASSWORD);
        Files.writeString(home.resolve("etc/https/keystore.password"), KEYSTORE_PASSWORD + "\n");

        port = Distribution.freePort();
        securePort = Distribution.freePort();
        Path config = home.resolve("etc/config.properties");
        Files.writeString(config, Files.readString(config)
                .replace("org.apache.felix.https.enable=false", "org.apache.felix.https.enable=true")
                .replace("org.osgi.service.http.port.secure=8443", "org.osgi.service.http.port.secure=" + securePort));
        Path rest = home.resolve("etc/org.porchlight.rest.cfg");
        Files.writeString(rest, Files.readString(rest).replaceAll("(?m)^(trustedProxies|httpsRedirect) =.*$", "")
                + "\ntrustedProxies = 127.0.0.1\nhttpsRedirect = true\n");

        server = ServerProcess.start(home, Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(port), "PORCHLIGHT_LOG_FORMAT", "json",
                "PORCHLIGHT_ADMIN_EMAIL", PorchlightTestSupport.ADMIN_EMAIL,
                "PORCHLIGHT_ADMIN_PASSWORD", PorchlightTestSupport.ADMIN_PASSWORD));
        server.awaitReady(STARTUP);
        tls = HttpClient.newBuilder().sslContext(trusting(keystore)).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    public void theReadyLineNamesTheHttpsAddressAndNoLogShowsTheKeystorePassword() {
        assertTrue(server.stdout(), server.stdout().contains("HTTPS on https://localhost:" + securePort + "/"));
        assertFalse(server.stdout().contains(KEYSTORE_PASSWORD) || server.stderr().contains(KEYSTORE_PASSWORD));
    }

    @Test
    public void answersOverHttpsCarryHstsAndErrorsStayProblemDetails() throws Exception {
        HttpResponse<String> health = https("GET", "/api/health", null);
        assertEquals(health.body(), 200, health.statusCode());
        assertEquals("max-age=31536000", health.headers().firstValue("Strict-Transport-Security").orElse(""));

        // Jersey's errors, and the web server's own (an ambiguous path), as over plain HTTP.
        for (String path : new String[] {"/api/no-such-resource", "/api/x%00y"}) {
            HttpResponse<String> error = https("GET", path, null);
            assertEquals(path, "application/problem+json", error.headers().firstValue("Content-Type").orElse(""));
            assertEquals(path, error.statusCode(), JSON.readTree(error.body()).path("status").asInt());
            assertTrue(path + " " + error.statusCode(), error.statusCode() == 404 || error.statusCode() == 400);
        }
        HttpResponse<String> invalid = https("POST", "/api/auth/token", "grant_type=password&username=x&password=y");
        assertEquals(invalid.body(), "application/problem+json", invalid.headers().firstValue("Content-Type").orElse(""));
        assertEquals("max-age=31536000", invalid.headers().firstValue("Strict-Transport-Security").orElse(""));
    }

    @Test
    public void plainHttpReadsAreSentToTheSameAddressOverHttpsWithoutHsts() throws Exception {
        for (String method : new String[] {"GET", "HEAD"}) {
            String[] answer = plain("127.0.0.1", method, "/transparency?months=3&x=%2F", "127.0.0.1:" + port, Map.of());
            assertEquals(method, "HTTP/1.1 301 Moved Permanently", answer[0]);
            assertEquals(method, "https://127.0.0.1:" + securePort + "/transparency?months=3&x=%2F", header(answer, "Location"));
            assertEquals(method, null, header(answer, "Strict-Transport-Security"));
        }
        // The redirect's target answers over TLS (the certificate names 127.0.0.1 too).
        HttpResponse<String> followed = tls.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + securePort
                + "/api/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, followed.statusCode());
    }

    @Test
    public void plainHttpChangesAreRefusedNotRedirectedAndHealthStaysOnPlainHttp() throws Exception {
        String[] refused = plain("127.0.0.1", "POST", "/api/auth/token", "127.0.0.1:" + port,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        assertTrue(refused[0], refused[0].startsWith("HTTP/1.1 403"));
        assertEquals(null, header(refused, "Location"));
        assertEquals("application/problem+json", header(refused, "Content-Type"));
        JsonNode problem = JSON.readTree(refused[2]);
        assertEquals("urn:porchlight:problem:https-required", problem.path("type").asText());
        assertTrue(problem.toString(),
                problem.path("detail").asText().contains("https://127.0.0.1:" + securePort + "/api/auth/token"));
        assertEquals(header(refused, "X-Request-Id"), problem.path("requestId").asText());

        String[] health = plain("127.0.0.1", "GET", "/api/health", "127.0.0.1:" + port, Map.of());
        assertEquals("HTTP/1.1 200 OK", health[0]);
    }

    @Test
    public void xForwardedProtoCountsFromTheTrustedProxyOnly() throws Exception {
        Map<String, String> https = Map.of("X-Forwarded-Proto", "https", "X-Forwarded-For", "203.0.113.7");
        String[] proxied = plain("127.0.0.1", "GET", "/sign-in", "portal.example.org", https);
        assertEquals("HTTP/1.1 200 OK", proxied[0]);
        assertEquals("max-age=31536000", header(proxied, "Strict-Transport-Security"));
        String cookie = header(proxied, "Set-Cookie");
        assertTrue(cookie, cookie.startsWith("__Host-pl_csrf=") && cookie.contains("; Secure"));

        String[] spoofed = plain("127.0.0.2", "GET", "/sign-in", "127.0.0.1:" + port, https);
        assertEquals("HTTP/1.1 301 Moved Permanently", spoofed[0]);
        assertEquals("https://127.0.0.1:" + securePort + "/sign-in", header(spoofed, "Location"));
        assertEquals(null, header(spoofed, "Strict-Transport-Security"));

        // Plain HTTP through the proxy goes to the proxy's HTTPS: the public host, port 443.
        String[] plainThroughProxy = plain("127.0.0.1", "GET", "/sign-in", "portal.example.org",
                Map.of("X-Forwarded-Proto", "http"));
        assertEquals("HTTP/1.1 301 Moved Permanently", plainThroughProxy[0]);
        assertEquals("https://portal.example.org/sign-in", header(plainThroughProxy, "Location"));
    }

    @Test
    public void portalCookiesAreSecureWithHostNamesOverHttps() throws Exception {
        HttpResponse<String> page = https("GET", "/sign-in", null);
        assertEquals(200, page.statusCode());
        String csrfCookie = page.headers().firstValue("Set-Cookie").orElse("");
        assertTrue(csrfCookie, csrfCookie.startsWith("__Host-pl_csrf=") && csrfCookie.contains("; Secure"));
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"").matcher(page.body());
        assertTrue(token.find());

        String form = "csrf=" + token.group(1)
                + "&email=" + URLEncoder.encode(PorchlightTestSupport.ADMIN_EMAIL, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(PorchlightTestSupport.ADMIN_PASSWORD, StandardCharsets.UTF_8);
        URI signIn = URI.create("https://localhost:" + securePort + "/sign-in");
        HttpResponse<String> signedIn = tls.send(HttpRequest.newBuilder(signIn)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", "https://localhost:" + securePort)
                .header("Cookie", csrfCookie.substring(0, csrfCookie.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(signedIn.body(), 303, signedIn.statusCode());
        String session = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.contains("pl_session=")).findFirst()
                .orElse("");
        assertTrue(session, session.startsWith("__Host-pl_session=") && session.contains("; Secure")
                && session.contains("HttpOnly"));
    }

    @Test
    public void logLinesAreJsonWithTheCorrelationIdAndNothingMore() throws Exception {
        String id = "itest-json-log-" + System.nanoTime();
        URI health = URI.create("https://localhost:" + securePort + "/api/health");
        HttpResponse<String> answer = tls.send(HttpRequest.newBuilder(health).header("X-Request-Id", id)
                .header("User-Agent", "itest-agent/1.0").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());

        JsonNode access = awaitLogLine(line -> id.equals(line.path("mdc").path("requestId").asText()));
        assertEquals("porchlight.access", access.path("loggerName").asText());
        assertEquals("INFO", access.path("level").asText());
        assertTrue(access.toString(), access.path("formattedMessage").asText().startsWith("GET /api/health 200 "));
        assertTrue(access.path("timestamp").asLong() > 0);
        // What the text format shows and no more: no thread, no context properties, no message arguments,
        // no client address or user agent.
        assertEquals(access.toString(), Set.of("timestamp", "level", "loggerName", "mdc", "formattedMessage", "throwable"),
                names(access));
        // The correlation id, and the bundle that logged (which pax-logging adds to every event).
        assertEquals(access.toString(), Set.of("requestId", "bundle.name", "bundle.version", "bundle.id"),
                names(access.path("mdc")));
        assertEquals("org.porchlight.rest", access.path("mdc").path("bundle.name").asText());
        assertFalse(access.toString(), access.toString().contains("127.0.0.1") || access.toString().contains("itest-agent"));

        // Every line the server logs is one JSON object (the launcher's own lines are plain text).
        int parsed = 0;
        for (String line : server.stdout().split("\n")) {
            if (line.startsWith("{")) {
                JSON.readTree(line);
                parsed++;
            }
        }
        assertTrue(parsed > 10);
    }

    private static JsonNode awaitLogLine(Predicate<JsonNode> wanted) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (String line : server.stdout().split("\n")) {
                if (line.startsWith("{")) {
                    JsonNode node = JSON.readTree(line);
                    if (wanted.test(node)) {
                        return node;
                    }
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such log line in:\n" + server.stdout());
    }

    private static Set<String> names(JsonNode node) {
        Set<String> names = new HashSet<>();
        for (Iterator<String> i = node.fieldNames(); i.hasNext();) {
            names.add(i.next());
        }
        return names;
    }

    private static HttpResponse<String> https(String method, String path, String form) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://localhost:" + securePort + path))
                .timeout(Duration.ofSeconds(30));
        if (form == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        }
        return tls.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * One plain-HTTP request over a socket bound to {@code from}, which the server sees as the peer;
     * returns the status line, the head and the body.
     */
    private static String[] plain(String from, String method, String path, String host, Map<String, String> headers)
            throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append(method.equals("POST") ? "Content-Length: 9\r\n" : "").append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (method.equals("POST")) {
                socket.getOutputStream().write("a=1&b=22x".getBytes(StandardCharsets.US_ASCII));
            }
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            assertTrue(answer, end > 0);
            return new String[] {answer.substring(0, answer.indexOf("\r\n")), answer.substring(0, end),
                answer.substring(end + 4)};
        }
    }

    /** The first value of a header in a raw answer's head, or null. */
    private static String header(String[] answer, String name) {
        for (String line : answer[1].split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }

    /** A TLS context that trusts the server's own certificate and nothing else. */
    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            server.load(in, KEYSTORE_PASSWORD.toCharArray());
        }
        Certificate certificate = server.getCertificate("server");
        assertNotNull(certificate);
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("porchlight", certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
