package org.porchlight.itests;

import java.util.Map;

import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.SharedPostgres;

/** The kill test of {@link DurabilityKillIT} on PostgreSQL. */
public class DurabilityKillPostgresIT extends DurabilityKillIT {

    @Override
    protected Map<String, String> database() {
        SharedPostgres.newInstallation(); // a server with keys of its own on the shared database
        return PorchlightTestSupport.postgresEnvironment();
    }
}
