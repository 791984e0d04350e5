package org.porchlight.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.porchlight.testing.plugin.PorchlightServer;
import org.porchlight.testing.plugin.PortalClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The signed channel in the real distribution with one room for agency TEST on the {@code emergency-request.*} topics,
 * its incoming webhook a JDK HTTP server on loopback that turns the first post away (503). An officer records an
 * emergency request through the REST API; the supervisors' notification that it needs review reaches the room, on
 * the outbox's retry, with the same idempotency key both times and none of the request's justification.
 */
class ChatChannelIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JUSTIFICATION = "A child was reported missing near the school at 3 pm; the doorbell camera of "
            + "the house at the corner may show which way she walked.";

    private static ChatServer chat;
    private static PorchlightServer server;

    @BeforeAll
    static void start() throws IOException {
        chat = new ChatServer(503);
        server = PorchlightServer.builder()
                .configuration("org.porchlight.examples.chat-test.cfg", "porchlight.channel = chat-test\nagency = "
                        + PorchlightServer.AGENCY + "\n.url = " + chat.url() + "\ntopics = emergency-request.*\n")
                .start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (chat != null) {
            chat.close();
        }
    }

    @Test
    void anEmergencyRequestToReviewReachesTheAgencysRoomOnceTheRoomTakesIt() throws Exception {
        PortalClient.Response recorded = server.officer().post("/api/agencies/" + PorchlightServer.AGENCY
                + "/emergency-requests", Map.of("vendor", "Acme Doorbells", "scope", "Front door camera, 14:00 to 16:00",
                        "justification", JUSTIFICATION, "footageFrom", Instant.now().minus(3, ChronoUnit.HOURS).toString(),
                        "footageTo", Instant.now().minus(1, ChronoUnit.HOURS).toString()));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);

        // Notifications fan out a few seconds after the start, and a refused post is retried after a back-off.
        ChatServer.Post refused = chat.next(60);
        ChatServer.Post taken = chat.next(60);

        assertThat(taken.path()).isEqualTo(ChatServer.HOOK);
        assertThat(taken.idempotencyKey()).isNotBlank().isEqualTo(refused.idempotencyKey());
        String text = JSON.readTree(taken.body()).path("text").asText();
        assertThat(text).startsWith("Emergency request to review\nAn emergency request to Acme Doorbells made at ")
                .contains("needs a supervisor's review by");
        assertThat(taken.body()).doesNotContain("missing", recorded.json().path("id").asText());
    }

    @Test
    void theServerRunsThePluginAsSignedByItsVendor() {
        PortalClient.Response modules = server.platformAdmin().get("/api/admin/modules");
        assertThat(modules.status()).as(modules.toString()).isEqualTo(200);
        JsonNode module = StreamSupport.stream(modules.json().path("modules").spliterator(), false)
                .filter(m -> "org.porchlight.examples.chat".equals(m.path("symbolicName").asText())).findFirst().orElseThrow();
        assertThat(module.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(module.path("provenance").asText()).isEqualTo("vendor");
        assertThat(module.path("publisher").asText()).isEqualTo("porchlight-examples");
    }
}
