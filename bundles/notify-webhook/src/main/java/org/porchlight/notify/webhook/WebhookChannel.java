package org.porchlight.notify.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.NotificationChannel;
import org.porchlight.api.notify.UndeliverableException;

/**
 * The channel {@code webhook}: a notification to an agency goes to every endpoint that agency has
 * configured for its topic. Registered only while at least one endpoint is configured. Every
 * endpoint gets the same {@code Idempotency-Key} (the delivery's id) on every try, so a receiver
 * that saw a request already can ignore the repeat; if one of several endpoints of an agency
 * fails, all of them get the retry. An endpoint on an address the server does not connect to fails
 * the delivery for good, unless another endpoint's failure is worth a retry.
 */
@Component(service = NotificationChannel.class, property = NotificationChannel.NAME + "=" + WebhookChannel.CHANNEL)
public class WebhookChannel implements NotificationChannel {

    static final String CHANNEL = "webhook";

    private final List<WebhookEndpoint> endpoints = new CopyOnWriteArrayList<>();
    private final Clock clock = Clock.systemUTC();

    @Reference(cardinality = ReferenceCardinality.AT_LEAST_ONE, policy = ReferencePolicy.DYNAMIC)
    void addEndpoint(WebhookEndpoint endpoint) {
        endpoints.add(endpoint);
    }

    void removeEndpoint(WebhookEndpoint endpoint) {
        endpoints.remove(endpoint);
    }

    @Override
    public boolean accepts(Notification notification) {
        if (notification.recipient().agency() == null) {
            return false;
        }
        for (WebhookEndpoint endpoint : endpoints) {
            if (endpoint.takes(notification)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void deliver(Delivery delivery) throws InterruptedException, UndeliverableException {
        Instant now = clock.instant();
        RuntimeException failure = null;
        UndeliverableException refused = null;
        boolean any = false;
        for (WebhookEndpoint endpoint : endpoints) {
            if (!endpoint.takes(delivery.notification())) {
                continue;
            }
            any = true;
            try {
                endpoint.post(delivery, now);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            } catch (UndeliverableException e) {
                if (refused == null) {
                    refused = e;
                } else {
                    refused.addSuppressed(e);
                }
            }
        }
        if (!any) {
            throw new IllegalStateException("the agency " + delivery.notification().recipient().agency()
                    + " has no webhook for this topic any more");
        }
        // A failure another try may mend comes first: the retry goes to every endpoint of the agency.
        if (failure != null) {
            if (refused != null) {
                failure.addSuppressed(refused);
            }
            throw failure;
        }
        if (refused != null) {
            throw refused;
        }
    }
}
