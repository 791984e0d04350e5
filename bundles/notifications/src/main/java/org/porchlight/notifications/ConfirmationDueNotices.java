package org.porchlight.notifications;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.registry.RegistryEvents;
import org.porchlight.api.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the registry's {@link RegistryEvents#CONFIRMATION_DUE} into a notification to the owner,
 * through the outbox in a transaction of its own. The key names the registration and the due date,
 * so a repeated event (another node, a redelivery) notifies once per confirmation period.
 */
@Component(property = EventConstants.EVENT_TOPIC + "=" + RegistryEvents.CONFIRMATION_DUE)
public class ConfirmationDueNotices implements EventHandler {

    static final String TOPIC = "registry.confirmation-due";
    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationDueNotices.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

    private final Database database;
    private final Outbox outbox;

    @Activate
    public ConfirmationDueNotices(@Reference Database database, @Reference Outbox outbox) {
        this.database = database;
        this.outbox = outbox;
    }

    @Override
    public void handleEvent(Event event) {
        Notification notice;
        try {
            notice = notice(event);
        } catch (IllegalArgumentException | DateTimeParseException | NullPointerException | ClassCastException e) {
            LOG.warn("A {} event without a valid account, registration or due time is ignored", RegistryEvents.CONFIRMATION_DUE);
            return;
        }
        try {
            database.inTransaction(c -> outbox.enqueue(c, List.of(notice)));
        } catch (RuntimeException e) {
            // The registry posts once per period: without this notice the owner is not reminded.
            LOG.error("The confirmation reminder for registration {} could not be enqueued ({})",
                    notice.data().get("registration"), FailureText.describe(e));
        }
    }

    static Notification notice(Event event) {
        UUID account = UUID.fromString((String) event.getProperty(RegistryEvents.ACCOUNT));
        UUID registration = UUID.fromString((String) event.getProperty(RegistryEvents.REGISTRATION));
        Instant due = Instant.parse((String) event.getProperty(RegistryEvents.DUE));
        return new Notification(TOPIC + ":" + registration + ":" + due, Notification.Recipient.account(account), TOPIC,
                "Please confirm your camera registration",
                "Your camera registration needs its yearly confirmation by " + DAY.format(due) + ". Confirm it under My cameras, "
                        + "or change or pause it if something is different; otherwise it stops being matched to agencies' requests "
                        + "after that day.",
                Map.of("registration", registration.toString(), "due", due.toString()));
    }
}
