package org.porchlight.launcher.backup;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The database part of a backup: one consistent snapshot, and what it says the evidence store
 * must hold (every item not purged) and how far the audit chain reached. Files written after the
 * snapshot belong to rows it does not have, so they are left out.
 *
 * <ul>
 * <li>Embedded H2, server running: its online backup ({@code BACKUP TO}), asked for through the
 * server's local socket ({@code data/control/backup.sock}); the copy is then read here.
 * <li>Embedded H2, server stopped: the same backup, run here on the database file.
 * <li>PostgreSQL: {@code pg_dump} (from {@code PORCHLIGHT_PG_DUMP}, else the {@code PATH}) on a
 * snapshot exported from a repeatable-read transaction that also reads the evidence list, so the
 * dump and the list are the same moment.
 * </ul>
 */
final class DatabaseSnapshot {

    static final String H2_FILE = "porchlight.zip";
    static final String POSTGRES_FILE = "porchlight.dump";
    /** How long pg_dump may take before it is stopped. */
    static final Duration PG_DUMP_LIMIT = Duration.ofHours(24);

    /** An evidence file the snapshot names: its item id (the blob's name) and its store. */
    record Blob(String id, String store) {
    }

    /** What the snapshot holds. */
    record Taken(String kind, Path file, List<Blob> blobs, long auditSequence) {
    }

    private DatabaseSnapshot() {
    }

    static Taken h2(Installation installation, Path folder) throws IOException, SQLException, BackupFailure {
        Path target = folder.resolve(H2_FILE).toAbsolutePath().normalize();
        Path socket = installation.backupSocket();
        String answer = Files.exists(socket) ? ask(socket, "BACKUP " + target) : null;
        if (answer != null) {
            if (!answer.startsWith("OK ")) {
                throw new BackupFailure("The server could not back up its database: " + answer.replaceFirst("^ERROR ", ""));
            }
        } else if (Files.exists(installation.embeddedFile())) {
            // No server on this data folder: H2 opens the file only if no process has it.
            try (Connection c = DriverManager.getConnection(installation.database().url(), "porchlight", "");
                    Statement s = c.createStatement()) {
                s.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
            } catch (SQLException e) {
                throw new BackupFailure("The database " + installation.embeddedFile()
                        + " is in use but its server offers no online "
                        + "backup (no " + socket + "): is the server running from another installation, or an older version? ("
                        + firstLine(e) + ")");
            }
        } else {
            throw new BackupFailure("There is no database at " + installation.embeddedFile() + " (data folder "
                    + installation.data()
                    + "): set PORCHLIGHT_DATA as the server has it");
        }
        // BACKUP TO creates the file with the process's umask: the database is for this user only.
        PrivateFiles.ownerOnly(target);
        try (Connection c = DriverManager.getConnection(Installation.readOnlyUrl("zip:" + target + "!/porchlight"),
                "porchlight", "")) {
            return new Taken("h2", target, blobs(c), auditSequence(c));
        }
    }

    static Taken postgres(Installation installation, Path folder) throws IOException, SQLException, BackupFailure {
        Installation.Database db = installation.database();
        String pgDump = System.getenv().getOrDefault("PORCHLIGHT_PG_DUMP", "pg_dump");
        Path target = folder.resolve(POSTGRES_FILE).toAbsolutePath().normalize();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            String snapshot;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT pg_export_snapshot()")) {
                r.next();
                snapshot = r.getString(1);
            }
            List<String> command = new ArrayList<>(List.of(pgDump, "--snapshot=" + snapshot, "--format=custom", "--no-owner",
                    "--file=" + target));
            command.addAll(libpqArguments(db));
            Path log = Files.createTempFile("porchlight-pg_dump", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            if (!db.password().isEmpty()) {
                builder.environment().put("PGPASSWORD", db.password());
            }
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new BackupFailure("PostgreSQL is backed up with pg_dump, which was not found (" + pgDump + "): install the "
                        + "PostgreSQL client of the server's major version (e.g. apt-get install postgresql-client) or set "
                        + "PORCHLIGHT_PG_DUMP to its path");
            }
            List<Blob> blobs = blobs(c);
            long audit = auditSequence(c);
            int exit = waitFor(process, PG_DUMP_LIMIT);
            if (Files.exists(target)) {
                PrivateFiles.ownerOnly(target); // pg_dump creates it with the process's umask
            }
            List<String> said = Files.readAllLines(log);
            Files.deleteIfExists(log);
            if (exit != 0) {
                String last = said.isEmpty() ? "no message" : said.get(said.size() - 1);
                throw new BackupFailure("pg_dump failed (exit " + exit + "): " + last);
            }
            c.commit();
            return new Taken("postgresql", target, blobs, audit);
        }
    }

    /** pg_dump's connection options from a JDBC URL {@code jdbc:postgresql://host:port/database?...}. */
    static List<String> libpqArguments(Installation.Database db) throws BackupFailure {
        URI uri = URI.create(db.url().substring("jdbc:".length()));
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new BackupFailure("Cannot read host and database from the URL " + db.safeUrl() + " for pg_dump");
        }
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        List<String> args = new ArrayList<>(List.of("--host=" + uri.getHost(), "--port=" + port,
                "--dbname=" + uri.getPath().substring(1)));
        if (!db.user().isEmpty()) {
            args.add("--username=" + db.user());
        }
        args.add("--no-password");
        return args;
    }

    /** Every item not purged: its file must be in the backup. No evidence schema, no items. */
    static List<Blob> blobs(Connection c) throws SQLException {
        if (!tableExists(c, "evidence", "item")) {
            return List.of();
        }
        List<Blob> blobs = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT id, store_name FROM evidence.item WHERE wrapped_key IS NOT NULL "
                        + "ORDER BY id")) {
            while (r.next()) {
                blobs.add(new Blob(r.getString(1), r.getString(2)));
            }
        }
        return blobs;
    }

    private static long auditSequence(Connection c) throws SQLException {
        if (!tableExists(c, "audit", "chain_head")) {
            return 0;
        }
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT last_sequence FROM audit.chain_head")) {
            return r.next() ? r.getLong(1) : 0;
        }
    }

    private static boolean tableExists(Connection c, String schema, String table) throws SQLException {
        try (ResultSet r = c.getMetaData().getTables(null, schema, table, null)) {
            return r.next();
        }
    }

    /** One request on the server's backup socket; its one-line answer, or null if no server listens (one that was killed). */
    static String ask(Path socket, String line) throws IOException {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            try {
                channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (ConnectException e) {
                return null;
            }
            channel.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteBuffer answer = ByteBuffer.allocate(8192);
            while (answer.hasRemaining() && channel.read(answer) >= 0) {
                // until the server closes the connection
            }
            return new String(answer.array(), 0, answer.position(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IOException("cannot reach the server's backup socket " + socket + " (" + e.getMessage()
                    + "); is the server running as this user?", e);
        }
    }

    /** pg_dump's exit code; one that runs longer than {@code limit} is stopped, and the backup fails. */
    static int waitFor(Process process, Duration limit) throws BackupFailure {
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BackupFailure("pg_dump timed out: it ran longer than "
                        + (limit.toHours() > 0 ? limit.toHours() + " hours" : limit.toMillis() + " ms") + " and was stopped");
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            throw new BackupFailure("interrupted while pg_dump ran");
        }
    }

    static String firstLine(Throwable e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
