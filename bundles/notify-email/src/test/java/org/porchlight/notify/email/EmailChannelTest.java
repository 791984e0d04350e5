package org.porchlight.notify.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.mail.MailMessage;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Notification.Recipient;
import org.porchlight.api.security.ContactDetails.Contact;

class EmailChannelTest {

    private static final Notification NOTE = new Notification("k", Recipient.account(UUID.randomUUID()), "registry.confirmation-due",
            "Please confirm your camera registration", "Confirm it by 2027-01-01.", Map.of());

    @Test
    void mailsTheTitleAsSubjectAndTheTextWithAGreeting() {
        MailMessage m = EmailChannel.message(NOTE, new Contact("Ada", "ada@example.org"), "[Porchlight]");
        assertThat(m.to()).isEqualTo("ada@example.org");
        assertThat(m.subject()).isEqualTo("[Porchlight] Please confirm your camera registration");
        assertThat(m.text()).startsWith("Hello Ada,\n\nConfirm it by 2027-01-01.\n");
    }

    @Test
    void keepsTheSubjectWithinTheMailersLimit() {
        Notification longTitle = new Notification("k", NOTE.recipient(), "t", "x".repeat(200), "", Map.of());
        assertThat(EmailChannel.message(longTitle, new Contact(null, "a@example.org"), "[Porchlight]").subject()).hasSize(200);
    }

    @Test
    void anUnusableAddressIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> EmailChannel.message(NOTE, new Contact("M", "not an address"), "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aTopicFilterTakesExactNamesAndPrefixes() {
        TopicFilter filter = TopicFilter.of(new String[] {"footage-request.*", "registry.confirmation-due"});
        assertThat(filter.matches("footage-request.delivered")).isTrue();
        assertThat(filter.matches("registry.confirmation-due")).isTrue();
        assertThat(filter.matches("registry.claimed")).isFalse();
        assertThat(TopicFilter.of(new String[0]).matches("anything")).isTrue();
    }
}
