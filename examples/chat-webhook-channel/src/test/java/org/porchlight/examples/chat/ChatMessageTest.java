package org.porchlight.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.notify.Notification;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What a room is sent for a notification. */
class ChatMessageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theTitleComesFirstAndTheTextBelowAndNothingElse() throws Exception {
        JsonNode message = message(new Notification("k", Notification.Recipient.agency("TEST"), "footage-request.answer",
                "An owner answered request 2026-0042: SHARED", "Two files.", Map.of("pseudonym", "Neighbor 0000-0000-4821")));

        assertThat(message.size()).isEqualTo(1);
        assertThat(message.path("text").asText()).isEqualTo("An owner answered request 2026-0042: SHARED\nTwo files.");
        assertThat(message.toString()).as("data is for machines").doesNotContain("Neighbor");
    }

    @Test
    void aNotificationWithoutTextIsItsTitle() throws Exception {
        JsonNode message = message(new Notification("k", Notification.Recipient.agency("TEST"), "t", "Title only", "", null));

        assertThat(message.path("text").asText()).isEqualTo("Title only");
    }

    @Test
    void markupThatAChatServerWouldActOnIsShownAsWritten() {
        assertThat(ChatMessage.escaped("<!channel> a & b <https://x.example|here>"))
                .isEqualTo("&lt;!channel&gt; a &amp; b &lt;https://x.example|here&gt;");
    }

    private static JsonNode message(Notification notification) throws Exception {
        return JSON.readTree(new String(ChatMessage.json(notification), StandardCharsets.UTF_8));
    }
}
