package org.porchlight.itests;

import java.util.Map;

/**
 * The kill test on PostgreSQL, where a commit that returned survives the kill: the external
 * channel gets repeats only of the deliveries in flight when the process died.
 */
public class NotificationKillPostgresIT extends NotificationKillIT {

    /** deliveryThreads in etc/org.porchlight.notifications.cfg. */
    private static final int DELIVERY_THREADS = 4;

    @Override
    protected Map<String, String> database() {
        return Map.of(
                "PORCHLIGHT_DB_URL", System.getProperty("porchlight.itest.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test"),
                "PORCHLIGHT_DB_USER", System.getProperty("porchlight.itest.postgres.user", System.getProperty("user.name")),
                "PORCHLIGHT_EVIDENCE_KEY", org.porchlight.itests.support.PorchlightTestSupport.POSTGRES_EVIDENCE_KEY);
    }

    @Override
    protected int maxRepeats() {
        return DELIVERY_THREADS;
    }
}
