package org.porchlight.incentives;

import java.time.Duration;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.porchlight.api.security.IdentityEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A resident verified their e-mail address: their pending attribution, if any, now counts. */
@Component(property = EventConstants.EVENT_TOPIC + "=" + IdentityEvents.EMAIL_VERIFIED)
public class VerifiedSignUps implements EventHandler {

    private static final Logger LOG = LoggerFactory.getLogger(VerifiedSignUps.class);

    private static final Duration HANDLER_RULE_WAIT = Duration.ofSeconds(2);

    private final Attributions attributions;

    @Activate
    public VerifiedSignUps(@Reference Attributions attributions) {
        this.attributions = attributions;
    }

    @Override
    public void handleEvent(Event event) {
        if (!(event.getProperty(IdentityEvents.ACCOUNT) instanceof String account)) {
            return;
        }
        try {
            // A short wait for a rule being swapped: Event Admin gives a handler a few seconds only.
            attributions.count(UUID.fromString(account), HANDLER_RULE_WAIT);
        } catch (RuntimeException e) {
            // It stays pending; the resident's next look at /api/me/referral counts it.
            LOG.warn("A verified sign-up's attribution could not be counted now: {}", e.getMessage());
        }
    }
}
