package org.porchlight.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.porchlight.api.outbound.AddressClass;
import org.porchlight.api.outbound.OutboundRequest;
import org.porchlight.api.outbound.OutboundResponse;
import org.porchlight.api.outbound.RefusedAddressException;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * The client through real HTTP servers on loopback addresses (Linux routes all of 127/8 to lo):
 * 127.0.0.2 and 127.0.0.3 are allowed as an admin would allow them, 127.0.0.1 is not and stands
 * for what must never be reached. Every trick must leave the 127.0.0.1 server untouched.
 */
class JettyOutboundHttpTest {

    private final List<String> forbiddenHits = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer allowed;
    private HttpServer other;
    private HttpServer forbidden;
    private JettyOutboundHttp http;

    @BeforeEach
    void start() throws IOException {
        forbidden = server("127.0.0.1", exchange -> {
            forbiddenHits.add(exchange.getRequestURI().toString());
            answer(exchange, 200, "secret");
        });
        other = server("127.0.0.3", exchange -> answer(exchange, 200, "from 127.0.0.3"));
        allowed = server("127.0.0.2", this::allowedAnswer);
        OutboundPolicy policy = new OutboundPolicy(OutboundPolicy.ranges(new String[] {"127.0.0.2/32,127.0.0.3"}),
                new OwnAddresses(Clock.systemUTC()));
        http = new JettyOutboundHttp(policy);
    }

    @AfterEach
    void stop() {
        release.countDown();
        http.stop();
        for (HttpServer server : List.of(allowed, other, forbidden)) {
            server.stop(0);
        }
        assertThat(forbiddenHits).as("requests that reached 127.0.0.1").isEmpty();
    }

    private static HttpServer server(String address, HttpHandler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
        server.createContext("/", handler);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return server;
    }

    private void allowedAnswer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        received.add(exchange.getRequestMethod() + " " + path + " " + new String(exchange.getRequestBody().readAllBytes(),
                StandardCharsets.UTF_8) + " " + exchange.getRequestHeaders().getFirst("X-Test"));
        switch (path) {
            case "/to-forbidden" -> redirect(exchange, 302, "http://127.0.0.1:" + port(forbidden) + "/");
            case "/to-localhost" -> redirect(exchange, 302, "http://localhost:" + port(forbidden) + "/");
            case "/to-other" -> redirect(exchange, 302, "http://127.0.0.3:" + port(other) + "/x");
            case "/to-mapped" -> redirect(exchange, 301, "http://[::ffff:127.0.0.1]:" + port(forbidden) + "/");
            case "/to-decimal" -> redirect(exchange, 307, "http://2130706433:" + port(forbidden) + "/");
            case "/see-other" -> redirect(exchange, 303, "/plain");
            case "/loop" -> redirect(exchange, 302, "/loop");
            case "/stall" -> {
                exchange.sendResponseHeaders(200, 100);
                exchange.getResponseBody().write("partial".getBytes(StandardCharsets.UTF_8));
                exchange.getResponseBody().flush();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            }
            default -> answer(exchange, 200, "hello from 127.0.0.2");
        }
    }

    private static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static int port(HttpServer server) {
        return server.getAddress().getPort();
    }

    private String get(String url) throws Exception {
        OutboundRequest request = OutboundRequest.get(URI.create(url))
                .withTimeouts(Duration.ofSeconds(2), null, Duration.ofSeconds(5));
        try (OutboundResponse response = http.send(request); InputStream body = response.body()) {
            return response.status() + " " + new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void anAllowedAddressIsFetched() throws Exception {
        assertThat(get("http://127.0.0.2:" + port(allowed) + "/feed")).isEqualTo("200 hello from 127.0.0.2");
    }

    @Test
    void aPostCarriesItsHeadersAndBody() throws Exception {
        OutboundRequest post = OutboundRequest.post(URI.create("http://127.0.0.2:" + port(allowed) + "/hook"),
                "{\"a\":1}".getBytes(StandardCharsets.UTF_8)).withHeader("X-Test", "signed");

        try (OutboundResponse response = http.send(post)) {
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(received).containsExactly("POST /hook {\"a\":1} signed");
    }

    @Test
    void theServerItselfOnADisallowedLoopbackAddressIsRefused() {
        assertThatThrownBy(() -> get("http://127.0.0.1:" + port(forbidden) + "/"))
                .isInstanceOfSatisfying(RefusedAddressException.class,
                        refused -> assertThat(refused.addressClass()).isEqualTo(AddressClass.LOOPBACK))
                .hasMessage("the address 127.0.0.1 is loopback, which the server does not connect to");
    }

    @Test
    void aRedirectToADisallowedAddressIsRefused() {
        assertThatThrownBy(() -> get("http://127.0.0.2:" + port(allowed) + "/to-forbidden"))
                .isInstanceOf(RefusedAddressException.class).hasMessageContaining("127.0.0.1 is loopback");
        assertThatThrownBy(() -> get("http://127.0.0.2:" + port(allowed) + "/to-localhost"))
                .isInstanceOf(RefusedAddressException.class).hasMessageContaining("is loopback");
        assertThatThrownBy(() -> get("http://127.0.0.2:" + port(allowed) + "/to-mapped"))
                .isInstanceOf(RefusedAddressException.class).hasMessageContaining("127.0.0.1 is loopback");
        assertThatThrownBy(() -> get("http://127.0.0.2:" + port(allowed) + "/to-decimal"))
                .isInstanceOf(IOException.class).hasMessageContaining("ambiguous notation");
    }

    @Test
    void aRedirectToAnotherAllowedAddressIsFollowed() throws Exception {
        assertThat(get("http://127.0.0.2:" + port(allowed) + "/to-other")).isEqualTo("200 from 127.0.0.3");
        assertThat(get("http://127.0.0.2:" + port(allowed) + "/see-other")).isEqualTo("200 hello from 127.0.0.2");
    }

    @Test
    void redirectsAreFollowedUpToTheLimit() {
        assertThatThrownBy(() -> get("http://127.0.0.2:" + port(allowed) + "/loop"))
                .isInstanceOf(IOException.class).hasMessage("more than 5 redirects");
        assertThat(received).hasSize(6);
    }

    @Test
    void withoutRedirectsTheRedirectIsTheAnswer() throws Exception {
        OutboundRequest request = OutboundRequest.get(URI.create("http://127.0.0.2:" + port(allowed) + "/to-forbidden"))
                .withMaxRedirects(0);

        try (OutboundResponse response = http.send(request)) {
            assertThat(response.status()).isEqualTo(302);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "[::1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]",
        "[::127.0.0.1]", "[64:ff9b::7f00:1]", "localhost"})
    void theForbiddenServerIsRefusedInEveryNotation(String host) {
        assertThatThrownBy(() -> get("http://" + host + ":" + port(forbidden) + "/"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageEndingWith("is loopback, which the server does not connect to");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2130706433", "0x7f000001", "0177.0.0.1", "0", "017700000001", "127.000.000.001"})
    void numbersInOtherNotationsAreRefused(String host) {
        assertThatThrownBy(() -> get("http://" + host + ":" + port(forbidden) + "/"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("ambiguous notation");
    }

    @Test
    void aHostThatIsNoRegisteredNameIsRefused() {
        // URI reads these as registry-based authorities, without a host.
        assertThatThrownBy(() -> get("http://127.1:" + port(forbidden) + "/")).hasMessage("not an http(s) URL with a host");
        assertThatThrownBy(() -> get("http://0x7f.1:" + port(forbidden) + "/")).hasMessage("not an http(s) URL with a host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "[0:0:0:0:0:ffff:a9fe:a9fe]", "[::ffff:169.254.169.254]", "[fe80::1]",
        "10.0.0.1", "[fd00::1]", "100.64.0.1", "224.0.0.1", "255.255.255.255", "0.0.0.0", "[::]"})
    void insideAddressesAreRefusedBeforeAnyConnection(String host) {
        assertThatThrownBy(() -> get("http://" + host + "/latest/meta-data/"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("which the server does not connect to");
    }

    @Test
    void theMachinesOwnNameIsRefused() throws Exception {
        String name = InetAddress.getLocalHost().getHostName();

        assertThatThrownBy(() -> get("http://" + name + ":" + port(forbidden) + "/"))
                .isInstanceOf(RefusedAddressException.class);
    }

    @Test
    void theMachinesOwnInterfaceAddressesAreRefused() throws Exception {
        for (NetworkInterface each : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(each.getInetAddresses())) {
                String plain = InetAddress.getByAddress(address.getAddress()).getHostAddress(); // without %scope
                String host = address.getAddress().length == 16 ? "[" + plain + "]" : plain;
                assertThatThrownBy(() -> get("http://" + host + ":" + port(forbidden) + "/")).as(host)
                        .isInstanceOf(RefusedAddressException.class);
            }
        }
    }

    @Test
    void aBodyThatStopsArrivingFailsTheReadAfterTheIdleTimeout() throws Exception {
        OutboundRequest request = OutboundRequest.get(URI.create("http://127.0.0.2:" + port(allowed) + "/stall"))
                .withTimeouts(Duration.ofSeconds(2), null, Duration.ofMillis(500));

        try (OutboundResponse response = http.send(request)) {
            assertThat(response.status()).isEqualTo(200);
            assertThatThrownBy(() -> response.body().readAllBytes()).isInstanceOf(HttpTimeoutException.class);
        }
    }
}
