package org.porchlight.notifications;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Failed tries of one channel, logged at most once a minute rather than one line each. */
final class ChannelTrouble {

    /** The worker's logger: operators look for its lines under one name. */
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);

    private final String message;
    private int count;
    private Instant lastWarned;

    /** @param message the WARN line, with placeholders for the channel, the count and the exception's class */
    ChannelTrouble(String message) {
        this.message = message;
    }

    synchronized void happened(String channel, Throwable failure, Instant now) {
        count++;
        if (lastWarned == null || Duration.between(lastWarned, now).compareTo(WARN_EVERY) >= 0) {
            LOG.warn(message, channel, count, failure.getClass().getName());
            count = 0;
            lastWarned = now;
        }
    }
}
