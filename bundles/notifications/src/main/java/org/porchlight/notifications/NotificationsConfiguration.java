package org.porchlight.notifications;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.notifications}, from {@code etc/org.porchlight.notifications.cfg}. */
@ObjectClassDefinition(name = "Porchlight notifications",
        description = "The outbox worker that hands notifications to the channels (inbox, e-mail, webhooks), and retention.")
public @interface NotificationsConfiguration {

    String PID = "org.porchlight.notifications";

    @AttributeDefinition(min = "50", description = "Milliseconds between looks for work when nothing was enqueued on this node")
    int pollIntervalMillis() default 1000;

    @AttributeDefinition(min = "1", max = "5000", description = "Notifications handed to the channels per transaction")
    int batchSize() default 500;

    @AttributeDefinition(min = "1", description = "Tries of one delivery before it is marked failed")
    int maxAttempts() default 10;

    @AttributeDefinition(min = "1", description = "Seconds before the first retry; each further retry waits twice as long")
    int backoffBaseSeconds() default 10;

    @AttributeDefinition(min = "1", description = "Longest wait between two tries, seconds")
    int backoffMaxSeconds() default 3600;

    @AttributeDefinition(min = "5", description = "Seconds a node holds a delivery it works on; after that another node "
            + "(or this one after a restart) tries it again. Must exceed the channels' own timeouts")
    int leaseSeconds() default 120;

    @AttributeDefinition(min = "1", max = "64", description = "Deliveries through external channels (e-mail, webhooks) "
            + "running at once on this node")
    int deliveryThreads() default 4;

    @AttributeDefinition(min = "0", description = "Seconds after start before the worker hands out or delivers anything, so that channels of "
            + "bundles starting alongside are there to receive it")
    int startDelaySeconds() default 5;

    @AttributeDefinition(description = "A channel that arrives (installed, updated, restarted with the node) gets the notifications "
            + "it accepts that were handed out in this many minutes before it arrived and that it has not had")
    int catchUpMinutes() default 60;

    @AttributeDefinition(name = "Late delivery maximum age (minutes)", min = "1", description = "An external channel "
            + "(e-mail, webhooks) that gets a notification late (it arrived after the notification was handed out, or the nodes "
            + "were down) gets it only if it is at most this many minutes old and still actionable; the others are marked "
            + "SKIPPED with the reason. The inbox always gets everything")
    int lateDeliveryMaxAgeMinutes() default 30;

    @AttributeDefinition(name = "Topics for agency staff", required = false, description = "Notifications to an agency "
            + "with these topics (exact names, or prefixes ending in *) also go to the agency's active supervisors and to the "
            + "officers or supervisors assigned to what they are about (e.g. the officer who made the footage request), as "
            + "notifications to their accounts (inbox, and e-mail where configured). Empty: to nobody")
    String[] staffTopics() default {"footage-request.answer", "emergency-request.*"};

    @AttributeDefinition(min = "1", description = "Days a delivered notification is kept in the outbox; a repeat of its "
            + "key within that time is skipped")
    int outboxKeepDays() default 90;

    @AttributeDefinition(min = "1", description = "Days an inbox item is kept")
    int inboxKeepDays() default 365;
}
