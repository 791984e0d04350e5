package org.porchlight.itests;

import java.util.Map;

import org.porchlight.itests.support.PorchlightTestSupport;

/** The kill test of {@link NotificationKillIT} on PostgreSQL. */
public class NotificationKillPostgresIT extends NotificationKillIT {

    @Override
    protected Map<String, String> database() {
        return PorchlightTestSupport.postgresEnvironment();
    }
}
