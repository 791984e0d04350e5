package org.porchlight.notifications;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Notification.Recipient;

class TransactionalOutboxTest {

    @Test
    void refusesWhatTheOutboxCannotHoldNamingTheFieldAndPosition() {
        assertThatThrownBy(() -> TransactionalOutbox.check(with("Footage Request", "t", ""), 3))
                .hasMessageContaining("topic").hasMessageContaining("notification 3");
        assertThatThrownBy(() -> TransactionalOutbox.check(with("t", "two\nlines", ""), 0)).hasMessageContaining("title");
        assertThatThrownBy(() -> TransactionalOutbox.check(with("t", "x".repeat(201), ""), 0)).hasMessageContaining("title");
        assertThatThrownBy(() -> TransactionalOutbox.check(with("t", "t", "x".repeat(10_001)), 0)).hasMessageContaining("text");
        assertThatCode(() -> TransactionalOutbox.check(with("footage-request.delivered", "x".repeat(200), "x".repeat(10_000)), 0))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesDataThatIsTooLarge() {
        Map<String, String> big = Map.of("blob", "x".repeat(10_000));
        assertThatThrownBy(() -> TransactionalOutbox.check(new Notification("k", Recipient.account(UUID.randomUUID()), "t", "t", "", big), 0))
                .hasMessageContaining("data");
    }

    private static Notification with(String topic, String title, String text) {
        return new Notification("k", Recipient.account(UUID.randomUUID()), topic, title, text, Map.of());
    }
}
