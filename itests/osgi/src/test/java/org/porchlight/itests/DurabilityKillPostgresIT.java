package org.porchlight.itests;

import java.util.Map;

import org.porchlight.itests.support.PorchlightTestSupport;

/** The kill test of {@link DurabilityKillIT} on PostgreSQL. */
public class DurabilityKillPostgresIT extends DurabilityKillIT {

    @Override
    protected Map<String, String> database() {
        return PorchlightTestSupport.postgresEnvironment();
    }
}
