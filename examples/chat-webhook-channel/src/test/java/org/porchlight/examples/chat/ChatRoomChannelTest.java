package org.porchlight.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.NotificationChannel.Delivery;

/** One room: which notifications it takes, and its posts to a real HTTP server on loopback. */
class ChatRoomChannelTest {

    private static final Notification REVIEW = new Notification("emergency-request.review-needed:1",
            Notification.Recipient.agency("TEST"), "emergency-request.review-needed", "Emergency request to review",
            "An emergency request to Acme needs a supervisor's review.", null);

    @Test
    void aRoomTakesItsAgencysNotificationsOnItsTopicsOnly() {
        ChatRoomChannel room = new ChatRoomChannel("test", "https://chat.example.org/hooks/x",
                new String[] {"emergency-request.*"}, 5);

        assertThat(room.accepts(REVIEW)).isTrue();
        assertThat(room.accepts(new Notification("k", Notification.Recipient.agency("OTHER"), REVIEW.topic(), "t", "", null)))
                .isFalse();
        assertThat(room.accepts(new Notification("k", Notification.Recipient.agency("TEST"), "footage-request.answer", "t", "",
                null))).isFalse();
        assertThat(room.accepts(new Notification("k", Notification.Recipient.account(UUID.randomUUID()), REVIEW.topic(), "t",
                "", null))).as("a resident's notification is never posted to a room").isFalse();
    }

    @Test
    void withoutTopicsARoomTakesEveryNotificationToItsAgency() {
        ChatRoomChannel room = new ChatRoomChannel("TEST", "https://chat.example.org/hooks/x", new String[] {" "}, 5);

        assertThat(room.accepts(new Notification("k", Notification.Recipient.agency("TEST"), "any.topic", "t", "", null)))
                .isTrue();
    }

    @Test
    void aFailedPostIsRetriedWithTheSameIdempotencyKeyAndTheErrorKeepsTheTokenOut() throws Exception {
        try (ChatServer chat = new ChatServer(503)) {
            ChatRoomChannel room = new ChatRoomChannel("TEST", chat.url(), null, 5);
            UUID id = UUID.randomUUID();

            assertThatThrownBy(() -> room.deliver(new Delivery(id, REVIEW, 1))).isInstanceOf(IOException.class)
                    .hasMessage("the chat room of TEST at 127.0.0.1 answered HTTP 503");
            room.deliver(new Delivery(id, REVIEW, 2));

            ChatServer.Post first = chat.next(5);
            ChatServer.Post retry = chat.next(5);
            assertThat(first.path()).isEqualTo(ChatServer.HOOK);
            assertThat(first.contentType()).startsWith("application/json");
            assertThat(first.body()).contains("\"text\":\"Emergency request to review\\nAn emergency request to Acme");
            assertThat(retry.idempotencyKey()).isEqualTo(first.idempotencyKey()).isEqualTo(id.toString());
        }
    }

    @Test
    void aWebhookThatRedirectsIsAFailureNotFollowed() throws Exception {
        try (ChatServer chat = new ChatServer(302)) {
            ChatRoomChannel room = new ChatRoomChannel("TEST", chat.url(), null, 5);

            assertThatThrownBy(() -> room.deliver(new Delivery(UUID.randomUUID(), REVIEW, 1)))
                    .hasMessage("the chat room of TEST at 127.0.0.1 answered HTTP 302");
        }
    }

    @Test
    void theTokenTravelsOnlyOverHttpsOrInsideThisMachine() {
        assertThat(ChatRoomChannel.webhook("https://hooks.slack.com/services/T0/B0/x")).hasHost("hooks.slack.com");
        assertThat(ChatRoomChannel.webhook("http://localhost:8065/hooks/x")).hasHost("localhost");
        assertThatThrownBy(() -> ChatRoomChannel.webhook("http://chat.example.org/hooks/x"))
                .hasMessage(".url must use https (plain http only to this machine)");
        assertThatThrownBy(() -> ChatRoomChannel.webhook("https://user:pw@chat.example.org/hooks/x"))
                .hasMessage(".url must not hold a user name or password");
        assertThatThrownBy(() -> ChatRoomChannel.webhook("")).hasMessage(".url must be an https URL");
        assertThatThrownBy(() -> new ChatRoomChannel("T", "https://chat.example.org/x", null, 5))
                .hasMessage("agency must be an agency's code");
    }
}
