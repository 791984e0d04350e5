package org.porchlight.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.store.Database;

/**
 * The {@code import_source}, {@code import_run} and {@code import_rejection} tables: which node
 * holds a source (a lease, so one node of a cluster syncs it at a time), where its last sync
 * ended, and the reports agencies read.
 */
public final class ImportRuns {

    /**
     * How a run ended, or that it has not. An attempt that handed nothing over is a run too: {@code SKIPPED} (the
     * provider said why, or reported nothing new), {@code FAILED} or {@code INTERRUPTED} with no counts.
     */
    public enum Status {
        RUNNING, COMPLETED, INTERRUPTED, FAILED, SKIPPED
    }

    /** A source as its agency sees it, with its latest run. */
    public record Source(String source, String agency, boolean available, boolean fullRequested, Instant lastCheckedAt,
            Run latestRun) {
    }

    /**
     * One run's report. {@code error} is why it failed, was interrupted or skipped; {@code attempts} counts consecutive
     * identical attempts that handed nothing over, kept as one run ({@code startedAt} the first, {@code finishedAt} the
     * latest). {@code rejections} is filled only when one run is asked for.
     */
    public record Run(UUID id, String source, Status status, boolean fullImport, UUID resumedFrom, long received, long created,
            long updated, long unchanged, long withdrawn, long claimed, long rejected, String error, Instant startedAt,
            Instant finishedAt, int attempts, List<Rejection> rejections) {
    }

    /** A row that could not be read. */
    public record Rejection(long line, String column, String reason) {
    }

    /** Where a source's next sync starts. */
    record Start(String cursor, boolean full, Run previous, String resumeFrom) {
    }

    private static final String RUN_COLUMNS = "id, source, status, full_import, resumed_from, received, created, updated, "
            + "unchanged, withdrawn, claimed, rejected, error, started_at, finished_at, attempts";

    private final Database database;

    ImportRuns(Database database) {
        this.database = database;
    }

    /** Records a source the first time a provider offers it, and the agency that runs it. */
    void register(String source, String agency) {
        database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE registry.import_source SET agency_code = ? WHERE source = ?")) {
                update.setString(1, agency);
                update.setString(2, source);
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO registry.import_source (source, agency_code, full_requested) VALUES (?, ?, FALSE)")) {
                insert.setString(1, source);
                insert.setString(2, agency);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Takes or renews the source's lease for {@code node}; false while another node holds it. */
    boolean acquire(String source, String node, Instant now, Instant until) {
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE registry.import_source SET lease_holder = ?, lease_until = ? "
                    + "WHERE source = ? AND (lease_holder IS NULL OR lease_holder = ? OR lease_until < ?)")) {
                update.setString(1, node);
                update.setTimestamp(2, Timestamp.from(until));
                update.setString(3, source);
                update.setString(4, node);
                update.setTimestamp(5, Timestamp.from(now));
                return update.executeUpdate() == 1;
            }
        });
    }

    /** Renews the lease inside a batch's transaction; false if another node took the source over. */
    static boolean renew(Connection c, String source, String node, Instant until) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE registry.import_source SET lease_until = ? WHERE source = ? AND lease_holder = ?")) {
            update.setTimestamp(1, Timestamp.from(until));
            update.setString(2, source);
            update.setString(3, node);
            return update.executeUpdate() == 1;
        }
    }

    void release(String source, String node) {
        database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE registry.import_source SET lease_holder = NULL, "
                    + "lease_until = NULL WHERE source = ? AND lease_holder = ?")) {
                update.setString(1, source);
                update.setString(2, node);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Where the next sync of a source whose lease this node holds starts. A latest run still
     * marked running was left by a node that died: it is marked interrupted, and like any
     * interrupted or failed run with a checkpoint it is resumed from there.
     */
    Start start(String source, Instant now) {
        return database.inTransaction(c -> {
            String cursor;
            boolean full;
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT sync_cursor, full_requested FROM registry.import_source WHERE source = ?")) {
                select.setString(1, source);
                try (ResultSet rs = select.executeQuery()) {
                    rs.next();
                    cursor = rs.getString(1);
                    full = rs.getBoolean(2);
                }
            }
            Run previous = null;
            String position = null;
            // Attempts that handed nothing over hold no checkpoint: where to resume is the latest run that did.
            try (PreparedStatement select = c.prepareStatement("SELECT " + RUN_COLUMNS + ", position FROM registry.import_run "
                    + "WHERE source = ? AND nothing_handed = FALSE ORDER BY started_at DESC, id FETCH FIRST 1 ROWS ONLY")) {
                select.setString(1, source);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next() && !Status.COMPLETED.name().equals(rs.getString(3))) {
                        previous = run(rs);
                        position = rs.getString(17);
                    }
                }
            }
            if (previous != null && previous.status() == Status.RUNNING) {
                finish(c, previous.id(), Status.INTERRUPTED, "the node running it stopped", now);
            }
            return new Start(cursor, full, previous, position);
        });
    }

    /** A new run, written in the transaction of its first batch. */
    static void create(Connection c, UUID id, String source, String agency, boolean full, UUID resumedFrom, String position,
            Instant now) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO registry.import_run (id, source, agency_code, status, "
                + "full_import, resumed_from, position, received, created, updated, unchanged, withdrawn, claimed, rejected, "
                + "started_at) VALUES (?, ?, ?, 'RUNNING', ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, ?)")) {
            insert.setObject(1, id);
            insert.setString(2, source);
            insert.setString(3, agency);
            insert.setBoolean(4, full);
            insert.setObject(5, resumedFrom);
            insert.setString(6, position);
            insert.setTimestamp(7, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    /** Adds one batch's counts and rejections to its run, with the checkpoint that covers them. */
    static void record(Connection c, UUID run, long received, ExternalRegistrations.Outcome outcome,
            List<Rejection> rejections, String position) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE registry.import_run SET received = received + ?, "
                + "created = created + ?, updated = updated + ?, unchanged = unchanged + ?, withdrawn = withdrawn + ?, "
                + "claimed = claimed + ?, rejected = rejected + ?, position = COALESCE(?, position) WHERE id = ?");
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO registry.import_rejection (run_id, line, column_name, reason) VALUES (?, ?, ?, ?)")) {
            update.setLong(1, received);
            update.setLong(2, outcome.created());
            update.setLong(3, outcome.updated());
            update.setLong(4, outcome.unchanged());
            update.setLong(5, outcome.withdrawn());
            update.setLong(6, outcome.claimed());
            update.setLong(7, rejections.size());
            update.setString(8, position);
            update.setObject(9, run);
            update.executeUpdate();
            for (Rejection r : rejections) {
                insert.setObject(1, run);
                insert.setLong(2, r.line());
                insert.setString(3, r.column());
                insert.setString(4, r.reason());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Ends a run; a run that completed also moves the source's cursor on. */
    void end(String source, UUID run, Status status, String error, String cursor, Instant now) {
        database.inTransaction(c -> {
            if (run != null) {
                finish(c, run, status, error, now);
            }
            try (PreparedStatement update = c.prepareStatement(status == Status.COMPLETED
                    ? "UPDATE registry.import_source SET last_checked_at = ?, sync_cursor = ?, full_requested = FALSE WHERE source = ?"
                    : "UPDATE registry.import_source SET last_checked_at = ? WHERE source = ?")) {
                int i = 1;
                update.setTimestamp(i++, Timestamp.from(now));
                if (status == Status.COMPLETED) {
                    update.setString(i++, cursor);
                }
                update.setString(i, source);
                update.executeUpdate();
            }
            return null;
        });
    }

    private static void finish(Connection c, UUID run, Status status, String error, Instant now) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE registry.import_run SET status = ?, error = ?, finished_at = ? WHERE id = ?")) {
            update.setString(1, status.name());
            update.setString(2, error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error);
            update.setTimestamp(3, Timestamp.from(now));
            update.setObject(4, run);
            update.executeUpdate();
        }
    }

    /** Asks for a full import at the source's next sync, on whichever node runs it. */
    boolean requestFull(String source) {
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE registry.import_source SET full_requested = TRUE WHERE source = ?")) {
                update.setString(1, source);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** The sources of an agency, or of every agency for {@code null}, with their latest runs. */
    List<Source> sources(String agency, java.util.function.Predicate<String> available) {
        return database.withConnection(c -> {
            List<Source> sources = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT source, agency_code, full_requested, last_checked_at "
                    + "FROM registry.import_source" + (agency == null ? "" : " WHERE agency_code = ?") + " ORDER BY source")) {
                if (agency != null) {
                    select.setString(1, agency);
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        Timestamp checked = rs.getTimestamp(4);
                        String source = rs.getString(1);
                        sources.add(new Source(source, rs.getString(2), available.test(source), rs.getBoolean(3),
                                checked == null ? null : checked.toInstant(), runs(c, source, 1).stream().findFirst().orElse(null)));
                    }
                }
            }
            return sources;
        });
    }

    /** The agency that runs a source. */
    Optional<String> agencyOf(String source) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT agency_code FROM registry.import_source WHERE source = ?")) {
                select.setString(1, source);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    /** A source's latest runs, newest first. */
    List<Run> runs(String source, int limit) {
        return database.withConnection(c -> runs(c, source, limit));
    }

    /** One run of a source with its rejections (at most {@code limit}, by line, from {@code offset}). */
    Optional<Run> run(String source, UUID id, int offset, int limit) {
        return database.withConnection(c -> {
            Run found = null;
            try (PreparedStatement select = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM registry.import_run "
                    + "WHERE id = ? AND source = ?")) {
                select.setObject(1, id);
                select.setString(2, source);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next()) {
                        found = run(rs);
                    }
                }
            }
            if (found == null) {
                return Optional.<Run>empty();
            }
            List<Rejection> rejections = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT line, column_name, reason FROM registry.import_rejection "
                    + "WHERE run_id = ? ORDER BY line OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                select.setObject(1, id);
                select.setInt(2, offset);
                select.setInt(3, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rejections.add(new Rejection(rs.getLong(1), rs.getString(2), rs.getString(3)));
                    }
                }
            }
            Run r = found;
            return Optional.of(new Run(r.id(), r.source(), r.status(), r.fullImport(), r.resumedFrom(), r.received(),
                    r.created(), r.updated(), r.unchanged(), r.withdrawn(), r.claimed(), r.rejected(), r.error(), r.startedAt(),
                    r.finishedAt(), r.attempts(), rejections));
        });
    }

    private static List<Run> runs(Connection c, String source, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + RUN_COLUMNS + " FROM registry.import_run WHERE source = ? "
                + "ORDER BY started_at DESC, id FETCH FIRST ? ROWS ONLY")) {
            select.setString(1, source);
            select.setInt(2, limit);
            List<Run> runs = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    runs.add(run(rs));
                }
            }
            return runs;
        }
    }

    private static Run run(ResultSet rs) throws SQLException {
        Timestamp finished = rs.getTimestamp(15);
        return new Run(rs.getObject(1, UUID.class), rs.getString(2), Status.valueOf(rs.getString(3)), rs.getBoolean(4),
                rs.getObject(5, UUID.class), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                rs.getLong(11), rs.getLong(12), rs.getString(13), rs.getTimestamp(14).toInstant(),
                finished == null ? null : finished.toInstant(), rs.getInt(16), null);
    }
}
