package org.porchlight.api.notify;

/**
 * Thrown by {@link NotificationChannel#deliver} for a delivery that cannot succeed as things stand,
 * whatever the number of tries: e.g. a webhook whose address the server does not connect to. The
 * outbox marks the delivery failed at once, with this message, instead of retrying it; any other
 * exception is a failure that is retried with back-off.
 *
 * @since 1.2
 */
public class UndeliverableException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message why the delivery cannot succeed; shown to operators, so never a secret or a whole URL */
    public UndeliverableException(String message) {
        super(message);
    }

    /**
     * @param message why the delivery cannot succeed
     * @param cause   what the channel met
     */
    public UndeliverableException(String message, Throwable cause) {
        super(message, cause);
    }
}
