package org.porchlight.api.notify;

import java.util.UUID;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A way of reaching people: the in-app inbox, e-mail, an agency's webhook, SMS. Register it as a
 * service with the property {@link #NAME}. The outbox worker offers every notification to every
 * channel; each channel that {@linkplain #accepts accepts} it gets it until {@link #deliver}
 * returns normally, retried with back-off when it throws. A channel that arrives later (installed,
 * updated, or starting late after a restart) is also offered what was handed out in a while
 * before it arrived (the notifications bundle's {@code catchUpMinutes}); it never gets a
 * notification twice.
 */
@ConsumerType
public interface NotificationChannel {

    /** Service property: the channel's name, 1 to 32 of {@code a-z 0-9 -}, e.g. {@code email}. */
    String NAME = "porchlight.channel";

    /** Whether this channel should deliver {@code notification} (e.g. e-mail only to accounts). */
    boolean accepts(Notification notification);

    /**
     * Delivers one notification. It may be called again for the same delivery after a crash or a
     * failure: use {@link Delivery#id()} to recognise a repeat where the other end allows it
     * (e.g. as an idempotency key).
     *
     * @throws UndeliverableException if the delivery cannot succeed however often it is tried; it
     *         is not retried
     * @throws Exception if delivery failed; it is retried later
     */
    void deliver(Delivery delivery) throws Exception;

    /**
     * One notification on its way through one channel.
     *
     * @param id           stable across retries of this notification on this channel
     * @param notification what to deliver
     * @param attempt      1 for the first try
     */
    record Delivery(UUID id, Notification notification, int attempt) {
    }
}
