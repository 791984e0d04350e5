package org.porchlight.itests;

import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.function.BooleanSupplier;

import javax.inject.Inject;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.store.Database;
import org.porchlight.itests.support.PorchlightTestSupport;

/** What the notification tests share: quick retries, enqueueing from the test, waiting for a condition. */
public abstract class NotificationTestSupport extends PorchlightTestSupport {

    @Inject
    protected ConfigurationAdmin configAdmin;

    /** Retries after 1 s, then 2 s, and (unless {@code maxAttempts} is null) that many tries; waits until the worker has it. */
    protected void quickRetries(Integer maxAttempts) throws Exception {
        Configuration config = configAdmin.getConfiguration("org.porchlight.notifications", "?");
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
        properties.put("backoffBaseSeconds", 1);
        properties.put("backoffMaxSeconds", 2);
        properties.put("startDelaySeconds", 0);
        if (maxAttempts != null) {
            properties.put("maxAttempts", maxAttempts);
        }
        config.update(properties);
        String filter = "(&(objectClass=org.porchlight.notifications.DeliveryWorker)(backoffBaseSeconds=1)"
                + (maxAttempts == null ? "" : "(maxAttempts=" + maxAttempts + ")") + ")";
        awaitTrue("the worker took the configuration", () -> !references(filter).isEmpty());
    }

    /** Enqueues in one transaction of its own, as a bundle would in its. */
    protected void enqueue(Notification... notifications) throws Exception {
        Outbox outbox = service(Outbox.class, null);
        service(Database.class, null).inTransaction(c -> outbox.enqueue(c, List.of(notifications)));
    }

    protected List<?> references(String filter) {
        try {
            Object[] found = context.getServiceReferences((String) null, filter);
            return found == null ? List.of() : List.of(found);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    protected static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within 30 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
