package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.SharedPostgres;

/**
 * {@link BackupRestoreIT} on PostgreSQL: the backup runs pg_dump on the snapshot it reads the
 * evidence list in, the restore runs pg_restore into an empty database. Each run has two databases
 * of its own on the test server (a backup of the shared one would name other tests' evidence),
 * made and dropped with psql; skipped where the PostgreSQL client tools are not installed.
 */
public class BackupRestorePostgresIT extends BackupRestoreIT {

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> created = new ArrayList<>();

    @Override
    protected Map<String, String> database(String role) throws Exception {
        assumeTrue("pg_dump, pg_restore and psql on the PATH", SharedPostgres.psql("SELECT 1") == 0 && onPath("pg_dump")
                && onPath("pg_restore"));
        String name = "porchlight_backup_it_" + role + "_" + run;
        assertEquals(0, SharedPostgres.psql("CREATE DATABASE " + name));
        created.add(name);
        Map<String, String> env = new HashMap<>(PorchlightTestSupport.postgresEnvironment());
        URI shared = URI.create(env.get("PORCHLIGHT_DB_URL").substring("jdbc:".length()));
        env.put("PORCHLIGHT_DB_URL", "jdbc:postgresql://" + shared.getHost() + ":" + shared.getPort() + "/" + name);
        return env;
    }

    @Override
    protected void cleanUp() throws Exception {
        for (String name : created) {
            SharedPostgres.psql("DROP DATABASE IF EXISTS " + name);
        }
    }

    private static boolean onPath(String tool) {
        try {
            Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
