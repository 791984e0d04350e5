package org.porchlight.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Notification.Recipient;
import org.porchlight.api.notify.NotificationChannel.Delivery;
import org.porchlight.api.notify.UndeliverableException;
import org.porchlight.outbound.JettyOutboundHttp;
import org.porchlight.outbound.OutboundPolicy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

/** The endpoint against a real HTTP server on loopback that checks what a receiver would check. */
class WebhookEndpointTest {

    private static final String SECRET = "a shared secret of some length";

    @TempDir
    Path folder;

    private HttpServer server;
    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> idempotencyKeys = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private Path secretFile;
    /** The platform's outbound client, with 127.0.0.1 allowed as a platform admin would allow it. */
    private JettyOutboundHttp http = new JettyOutboundHttp(OutboundPolicy.allowing("127.0.0.1/32"));

    @BeforeEach
    void receiver() throws IOException {
        secretFile = Files.writeString(folder.resolve("secret"), SECRET + "\n");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER);
            boolean genuine = WebhookSignature.verify(SECRET.getBytes(), timestamp, body,
                    exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER));
            int status = !genuine ? 401 : failuresLeft.getAndDecrement() > 0 ? 503 : 204;
            if (status == 204) {
                received.add(new ObjectMapper().readTree(body));
                idempotencyKeys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        http.stop();
        server.stop(0);
    }

    @Test
    void postsSignedJsonThatTheReceiverVerifies() throws Exception {
        WebhookEndpoint endpoint = new WebhookEndpoint(config("kcpd", url(), secretFile.toString(), ""), http);
        Delivery delivery = delivery("KCPD");
        endpoint.post(delivery, Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(received).singleElement().satisfies(json -> {
            assertThat(json.path("id").asText()).isEqualTo(delivery.id().toString());
            assertThat(json.path("key").asText()).isEqualTo("footage-request:1");
            assertThat(json.path("topic").asText()).isEqualTo("footage-request.shared");
            assertThat(json.path("title").asText()).isEqualTo("Footage shared");
            assertThat(json.path("data").path("request").asText()).isEqualTo("r-1");
            assertThat(json.path("timestamp").asText()).isEqualTo("2026-12-01T10:00:00Z");
        });
        assertThat(idempotencyKeys).containsExactly(delivery.id().toString());
    }

    @Test
    void anAnswerOtherThan2xxIsAFailureToRetry() throws Exception {
        failuresLeft.set(1);
        WebhookEndpoint endpoint = new WebhookEndpoint(config("KCPD", url(), secretFile.toString(), ""), http);
        assertThatThrownBy(() -> endpoint.post(delivery("KCPD"), Instant.now())).hasMessageContaining("answered 503")
                .hasMessageNotContaining("/hook");
        endpoint.post(delivery("KCPD"), Instant.now());
        assertThat(received).hasSize(1);
    }

    @Test
    void anEndpointOnAnAddressThePlatformDoesNotAllowFailsForGoodAndReceivesNothing() throws Exception {
        http.stop();
        http = new JettyOutboundHttp(OutboundPolicy.allowing());
        WebhookEndpoint endpoint = new WebhookEndpoint(config("KCPD", url(), secretFile.toString(), ""), http);
        WebhookChannel channel = new WebhookChannel();
        channel.addEndpoint(endpoint);

        assertThatThrownBy(() -> channel.deliver(delivery("KCPD")))
                .isInstanceOf(UndeliverableException.class)
                .hasMessage("the webhook of KCPD at 127.0.0.1: the address 127.0.0.1 is loopback, "
                        + "which the server does not connect to");
        assertThat(received).isEmpty();
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().set("Location", "/hook");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        String moved = "http://127.0.0.1:" + server.getAddress().getPort() + "/moved";
        WebhookEndpoint endpoint = new WebhookEndpoint(config("KCPD", moved, secretFile.toString(), ""), http);

        assertThatThrownBy(() -> endpoint.post(delivery("KCPD"), Instant.now())).hasMessageContaining("answered 307");
        assertThat(received).isEmpty();
    }

    @Test
    void aWrongSecretIsRefusedByTheReceiver() throws Exception {
        Path wrong = Files.writeString(folder.resolve("wrong"), "not the shared secret at all");
        WebhookEndpoint endpoint = new WebhookEndpoint(config("KCPD", url(), wrong.toString(), ""), http);
        assertThatThrownBy(() -> endpoint.post(delivery("KCPD"), Instant.now())).hasMessageContaining("answered 401");
    }

    @Test
    void takesOnlyItsAgencysNotificationsOfItsTopics() {
        WebhookEndpoint endpoint = new WebhookEndpoint(config("KCPD", url(), secretFile.toString(), "", "footage-request.*"),
                http);
        assertThat(endpoint.takes(delivery("KCPD").notification())).isTrue();
        assertThat(endpoint.takes(delivery("JCSO").notification())).isFalse();
        assertThat(endpoint.takes(new Notification("k", Recipient.agency("KCPD"), "registry.import", "t", "", Map.of()))).isFalse();
        assertThat(endpoint.takes(new Notification("k", Recipient.account(UUID.randomUUID()), "footage-request.shared", "t", "", Map.of())))
                .isFalse();
    }

    @Test
    void refusesConfigurationsItCannotUseSafely() {
        assertThatThrownBy(() -> new WebhookEndpoint(config("KCPD", "http://hooks.example.org/x", secretFile.toString(), ""),
                http))
                .hasMessageContaining("https");
        assertThatThrownBy(() -> new WebhookEndpoint(
                config("KCPD", "https://user:pw@hooks.example.org/x", secretFile.toString(), ""), http))
                .hasMessageContaining("user name");
        assertThatThrownBy(() -> new WebhookEndpoint(config("KCPD", url(), "", ""), http)).hasMessageContaining("exactly one");
        assertThatThrownBy(() -> new WebhookEndpoint(config("KCPD", url(), folder.resolve("missing").toString(), ""), http))
                .hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> new WebhookEndpoint(config("KCPD", url(), "", "PORCHLIGHT_ITEST_NO_SUCH_VARIABLE"), http))
                .hasMessageContaining("is not set");
        assertThatThrownBy(() -> new WebhookEndpoint(config("K", url(), secretFile.toString(), ""),
                http)).hasMessageContaining("agency");
        assertThat(new WebhookEndpoint(config("KCPD", "https://hooks.example.org/x", secretFile.toString(), ""),
                http).agency()).isEqualTo("KCPD");
    }

    @Test
    void refusesAShortSecret() throws IOException {
        Path shortSecret = Files.writeString(folder.resolve("short"), "too short");
        assertThatThrownBy(() -> new WebhookEndpoint(config("KCPD", url(), shortSecret.toString(), ""),
                http)).hasMessageContaining("shorter");
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private static Delivery delivery(String agency) {
        return new Delivery(UUID.randomUUID(), new Notification("footage-request:1", Recipient.agency(agency), "footage-request.shared",
                "Footage shared", "A resident shared footage.", Map.of("request", "r-1")), 1);
    }

    static WebhookConfiguration config(String agency, String url, String secretFile, String secretVariable, String... topics) {
        return new WebhookConfiguration() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return WebhookConfiguration.class;
            }

            @Override
            public String agency() {
                return agency;
            }

            @Override
            public String url() {
                return url;
            }

            @Override
            public String secretFile() {
                return secretFile;
            }

            @Override
            public String secretVariable() {
                return secretVariable;
            }

            @Override
            public String[] topics() {
                return topics;
            }

            @Override
            public int connectTimeoutSeconds() {
                return 2;
            }

            @Override
            public int timeoutSeconds() {
                return 5;
            }
        };
    }
}
