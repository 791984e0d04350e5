package org.porchlight.itests.support;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL test database that the PostgreSQL test classes share, one after another, each
 * as a new installation on a database an earlier one used.
 */
public final class SharedPostgres {

    private SharedPostgres() {
    }

    /** Runs {@code sql} with psql on the shared test server's {@code test} database; its exit code, -1 without psql. */
    public static int psql(String sql) throws IOException, InterruptedException {
        Map<String, String> env = PorchlightTestSupport.postgresEnvironment();
        URI shared = URI.create(env.get("PORCHLIGHT_DB_URL").substring("jdbc:".length()));
        Process process;
        try {
            process = new ProcessBuilder("psql", "--no-password", "--host=" + shared.getHost(), "--port=" + shared.getPort(),
                    "--username=" + env.get("PORCHLIGHT_DB_USER"), "--dbname=" + shared.getPath().substring(1), "-c", sql)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return -1;
        }
        return process.waitFor(60, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    /**
     * Forgets the key fingerprints an earlier class's server recorded: this class's server has keys
     * of its own, and would otherwise rightly report that they are not the "cluster's" (health
     * check cluster-keys). Before the database has the table, there is nothing to forget.
     */
    public static void newInstallation() {
        try {
            psql("DELETE FROM identity.cluster_key");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
