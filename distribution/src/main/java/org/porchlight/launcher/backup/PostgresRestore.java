package org.porchlight.launcher.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL backup's dump goes into the database this installation is set to use
 * ({@code PORCHLIGHT_DB_URL}), which must be empty (created by its owner, e.g. {@code createdb -O
 * porchlight porchlight}), with {@code pg_restore} from {@code PORCHLIGHT_PG_RESTORE} or the PATH.
 */
final class PostgresRestore {

    private PostgresRestore() {
    }

    static void checkEmpty(Installation.Database db) throws BackupFailure {
        if (!db.postgres()) {
            throw new BackupFailure("The backup holds a PostgreSQL dump: set PORCHLIGHT_DB_URL (and PORCHLIGHT_DB_USER, "
                    + "PORCHLIGHT_DB_PASSWORD) to an empty PostgreSQL database to restore it into");
        }
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password()); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema NOT IN "
                        + "('pg_catalog', 'information_schema')")) {
            r.next();
            if (r.getLong(1) > 0) {
                throw new BackupFailure("The database " + db.safeUrl() + " is not empty (" + r.getLong(1)
                        + " tables): restore only "
                        + "into an empty database");
            }
        } catch (SQLException e) {
            throw new BackupFailure("Cannot connect to " + db.safeUrl() + " to restore into it: "
                    + DatabaseSnapshot.firstLine(e));
        }
    }

    static void run(Installation.Database db, Path dump) throws IOException, BackupFailure {
        String pgRestore = System.getenv().getOrDefault("PORCHLIGHT_PG_RESTORE", "pg_restore");
        List<String> command = new ArrayList<>(List.of(pgRestore, "--no-owner", "--exit-on-error", "--single-transaction"));
        command.addAll(DatabaseSnapshot.libpqArguments(db));
        command.add(dump.toString());
        Path log = Files.createTempFile("porchlight-pg_restore", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (!db.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", db.password());
        }
        try {
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new BackupFailure("PostgreSQL is restored with pg_restore, which was not found (" + pgRestore
                        + "): install the "
                        + "PostgreSQL client of the server's major version or set PORCHLIGHT_PG_RESTORE; nothing was restored");
            }
            if (!process.waitFor(24, TimeUnit.HOURS) || process.exitValue() != 0) {
                List<String> said = Files.readAllLines(log);
                throw new BackupFailure("pg_restore failed (nothing of the dump was kept: one transaction): "
                        + (said.isEmpty() ? "no message" : said.get(said.size() - 1)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackupFailure("interrupted while pg_restore ran");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
