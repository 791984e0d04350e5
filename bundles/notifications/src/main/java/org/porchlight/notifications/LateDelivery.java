package org.porchlight.notifications;

import java.time.Duration;
import java.time.Instant;

import org.porchlight.api.notify.NotificationSubjects.Subject;

/**
 * Whether an external channel (e-mail, webhooks) should still get a notification that reaches it
 * late: a channel that arrived after the notification was handed out, or a fan-out that happened
 * long after the enqueue (the nodes were down). Only what is younger than {@code maxAge} and
 * still actionable goes out; the rest gets a delivery marked {@code SKIPPED} with the reason.
 * The inbox is a record, not an alert: it always gets everything.
 */
record LateDelivery(Duration maxAge) {

    static final String TOO_OLD = "too-old";
    static final String NOT_ACTIONABLE = "not-actionable";

    LateDelivery {
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the maximum age must be positive");
        }
    }

    /** Whether the age alone rules it out, before anybody is asked about its subject. */
    boolean tooOld(Instant createdAt, Instant now) {
        return Duration.between(createdAt, now).compareTo(maxAge) > 0;
    }

    /**
     * Why the notification is not delivered, or {@code null} to deliver it.
     *
     * @param subject its subject now, {@code null} if no bundle speaks for its topic (it counts as actionable)
     */
    String skipReason(Instant createdAt, Instant now, Subject subject) {
        if (tooOld(createdAt, now)) {
            return TOO_OLD + ": created more than " + maxAge.toMinutes() + " minutes before the channel could take it";
        }
        if (subject != null && !subject.actionable()) {
            return NOT_ACTIONABLE + ": what it is about needs no action any more";
        }
        return null;
    }
}
