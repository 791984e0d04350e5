package org.porchlight.registry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.porchlight.api.registry.RegistryEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reminds residents to confirm their registrations before they lapse: posts
 * {@link RegistryEvents#CONFIRMATION_DUE} once per confirmation period, for the bundles that
 * notify people. Several nodes may look at once; marking the reminder in the database decides
 * which one sends it, and the mark commits only after the handlers ran, so a node that dies in
 * between leaves the reminder to the next look (on any node) instead of losing it.
 */
@Component(service = {}, configurationPid = RegistryConfiguration.PID)
public class ConfirmationReminders {

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationReminders.class);
    private static final int BATCH = 500;

    private final Registry registry;
    private final EventAdmin events;
    private final Duration notice;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "porchlight-registry-reminders");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public ConfirmationReminders(@Reference Registry registry, @Reference EventAdmin events, RegistryConfiguration config) {
        this.registry = registry;
        this.events = events;
        this.notice = Duration.ofDays(Math.max(1, config.reminderNoticeDays()));
        scheduler.scheduleWithFixedDelay(this::remind, 5, Math.max(1, config.reminderCheckSeconds()), TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdownNow();
    }

    private void remind() {
        try {
            int posted = 0;
            List<Registrations.Due> due;
            do {
                due = registry.registrations().dueForReminder(notice, BATCH);
                for (Registrations.Due d : due) {
                    // Sent, not posted: the handlers (the notifications bundle's enqueues in the outbox)
                    // have run before the reminder is recorded as sent.
                    if (registry.registrations().remind(d.registration(), () -> events.sendEvent(new Event(
                            RegistryEvents.CONFIRMATION_DUE, Map.of(RegistryEvents.ACCOUNT, d.owner().toString(),
                                    RegistryEvents.REGISTRATION, d.registration().toString(),
                                    RegistryEvents.DUE, d.due().toString()))))) {
                        posted++;
                    }
                }
            } while (due.size() == BATCH);
            if (posted > 0) {
                LOG.info("Reminded owners of {} registrations to confirm them", posted);
            }
        } catch (RuntimeException e) {
            LOG.error("Confirmation reminders failed; trying again at the next look", e);
        }
    }
}
