package org.porchlight.api.notify;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Something to tell one person or one agency.
 *
 * @param key       what the notification is about, unique per recipient, e.g.
 *                  {@code footage-request:3f2c...}: a second notification with the same key for
 *                  the same recipient is dropped, so a retried transaction never notifies twice
 * @param recipient who is told
 * @param topic     what kind of notification, e.g. {@code footage-request.delivered}; channels and
 *                  recipients' settings select on it
 * @param title     one line, plain text
 * @param text      the message, plain text; never another person's personal data
 * @param data      machine-readable details (ids, links) for clients and webhooks
 */
public record Notification(String key, Recipient recipient, String topic, String title, String text, Map<String, String> data) {

    public Notification {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(title, "title");
        text = text == null ? "" : text;
        data = data == null ? Map.of() : Map.copyOf(data);
        if (key.isBlank() || key.length() > 200) {
            throw new IllegalArgumentException("a key has 1 to 200 characters");
        }
    }

    /**
     * A person (by account) or an agency (by code, e.g. for its webhook): exactly one is set.
     */
    public record Recipient(UUID account, String agency) {

        public Recipient {
            if ((account == null) == (agency == null)) {
                throw new IllegalArgumentException("a recipient is an account or an agency");
            }
        }

        public static Recipient account(UUID account) {
            return new Recipient(Objects.requireNonNull(account, "account"), null);
        }

        public static Recipient agency(String agencyCode) {
            return new Recipient(null, Objects.requireNonNull(agencyCode, "agencyCode").toUpperCase(java.util.Locale.ROOT));
        }
    }
}
