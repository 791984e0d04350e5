package org.porchlight.itests.support;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL test database that the PostgreSQL test classes share, one after another, each
 * as a new installation on a database an earlier one used. By default that is the test server's
 * database ({@code porchlight.itest.postgres.url}); a failsafe fork that runs beside another names
 * a database of its own on the same server ({@code porchlight.itest.postgres.database}), made the
 * first time it is asked for, so that the two forks' classes never share tables.
 */
public final class SharedPostgres {

    private static final String SERVER_URL = "porchlight.itest.postgres.url";
    private static final String OWN_DATABASE = "porchlight.itest.postgres.database";

    private static boolean made;

    private SharedPostgres() {
    }

    /** The JDBC URL of the shared database, made on the test server first if this JVM has one of its own. */
    public static synchronized String url() {
        String server = System.getProperty(SERVER_URL, "jdbc:postgresql://127.0.0.1:5432/test");
        String own = System.getProperty(OWN_DATABASE, "");
        if (own.isEmpty()) {
            return server;
        }
        if (!own.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException(OWN_DATABASE + " is not a plain database name: " + own);
        }
        URI shared = URI.create(server.substring("jdbc:".length()));
        String url = "jdbc:postgresql://" + shared.getHost() + ":" + shared.getPort() + "/" + own;
        if (!made) {
            try {
                if (psql(url, "SELECT 1") != 0 && psql(server, "CREATE DATABASE " + own) != 0) {
                    throw new IllegalStateException("Cannot make the database " + own + " with psql on " + server
                            + ": psql must be on the PATH, and the user may create databases");
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while making " + own, e);
            }
            made = true;
        }
        return url;
    }

    /** The user the tests and their servers connect as. */
    public static String user() {
        return System.getProperty("porchlight.itest.postgres.user", System.getProperty("user.name"));
    }

    /** Runs {@code sql} with psql on the shared database; its exit code, -1 without psql. */
    public static int psql(String sql) throws IOException, InterruptedException {
        return psql(url(), sql);
    }

    private static int psql(String jdbcUrl, String sql) throws IOException, InterruptedException {
        URI database = URI.create(jdbcUrl.substring("jdbc:".length()));
        Process process;
        try {
            process = new ProcessBuilder("psql", "--no-password", "--host=" + database.getHost(), "--port=" + database.getPort(),
                    "--username=" + user(), "--dbname=" + database.getPath().substring(1), "-c", sql)
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
