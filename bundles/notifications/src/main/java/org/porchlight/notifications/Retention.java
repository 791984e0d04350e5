package org.porchlight.notifications;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.store.Database;
import org.porchlight.notifications.inbox.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what has served its time, every hour on every node (deleting twice is harmless):
 * notifications that are done with after {@code outboxKeepDays} (a repeat of their key is skipped
 * until then), inbox items after {@code inboxKeepDays}.
 */
@Component(service = {}, configurationPid = NotificationsConfiguration.PID)
public class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Database database;
    private final Inbox inbox;
    private final Duration outboxKeep;
    private final Duration inboxKeep;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "porchlight-notifications-retention");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public Retention(@Reference Database database, @Reference Inbox inbox, NotificationsConfiguration config) {
        this.database = database;
        this.inbox = inbox;
        this.outboxKeep = Duration.ofDays(Math.max(1, config.outboxKeepDays()));
        this.inboxKeep = Duration.ofDays(Math.max(1, config.inboxKeepDays()));
        scheduler.scheduleWithFixedDelay(this::prune, 10, 3600, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        scheduler.shutdown();
    }

    void prune() {
        try {
            Instant now = clock.instant();
            long notifications = 0;
            int deleted;
            do {
                deleted = database.inTransaction(c -> OutboxStore.prune(c, now.minus(outboxKeep)));
                notifications += deleted;
            } while (deleted == 1000 && !scheduler.isShutdown());
            long items = 0;
            do {
                deleted = inbox.prune(now.minus(inboxKeep));
                items += deleted;
            } while (deleted == 1000 && !scheduler.isShutdown());
            if (notifications + items > 0) {
                LOG.info("Retention: deleted {} delivered notifications and {} inbox items", notifications, items);
            }
        } catch (RuntimeException e) {
            LOG.warn("Retention failed ({}); trying again in an hour", FailureText.describe(e));
        }
    }
}
