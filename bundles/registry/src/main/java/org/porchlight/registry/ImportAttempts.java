package org.porchlight.registry;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.porchlight.api.store.Database;

/**
 * Sync attempts that handed nothing over (skipped, or failed or interrupted before their first batch), recorded as runs
 * of the source so that its agency sees every attempt. Consecutive identical attempts (same state, same reason) are one
 * run whose count goes up, and only the newest {@value #KEPT} such runs of a source are kept, so a folder that stays
 * empty or a feed that stays broken does not grow the table.
 */
final class ImportAttempts {

    /** Runs that handed nothing over kept per source. */
    static final int KEPT = 100;
    /** Characters of a reason kept. */
    static final int MAX_REASON = 1000;

    private static final String LATEST = "SELECT id, status, error, nothing_handed FROM registry.import_run WHERE source = ? "
            + "ORDER BY started_at DESC, id FETCH FIRST 1 ROWS ONLY";
    private static final String REPEAT = "UPDATE registry.import_run SET attempts = attempts + 1, finished_at = ? WHERE id = ?";
    private static final String INSERT = "INSERT INTO registry.import_run (id, source, agency_code, status, full_import, "
            + "received, created, updated, unchanged, withdrawn, claimed, rejected, error, started_at, finished_at, attempts, "
            + "nothing_handed) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, ?, ?, ?, 1, TRUE)";
    private static final String PRUNE = "DELETE FROM registry.import_run WHERE source = ? AND nothing_handed = TRUE "
            + "AND id NOT IN "
            + "(SELECT id FROM registry.import_run WHERE source = ? AND nothing_handed = TRUE "
            + "ORDER BY started_at DESC, id FETCH FIRST " + KEPT + " ROWS ONLY)";

    /** The run an attempt was recorded in, and whether it is a new one (not a repeat of the latest). */
    record Recorded(UUID run, boolean added) {
    }

    private final Database database;

    ImportAttempts(Database database) {
        this.database = database;
    }

    /** Records an attempt of {@code source} that started at {@code startedAt} and handed nothing over. */
    Recorded record(String source, String agency, ImportRuns.Status status, String reason, boolean full, Instant startedAt,
            Instant now) {
        String kept = reason == null ? null : reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
        return database.inTransaction(c -> {
            try (PreparedStatement select = c.prepareStatement(LATEST)) {
                select.setString(1, source);
                try (ResultSet rs = select.executeQuery()) {
                    if (rs.next() && rs.getBoolean(4) && status.name().equals(rs.getString(2))
                            && Objects.equals(kept, rs.getString(3))) {
                        UUID latest = rs.getObject(1, UUID.class);
                        try (PreparedStatement update = c.prepareStatement(REPEAT)) {
                            update.setTimestamp(1, Timestamp.from(now));
                            update.setObject(2, latest);
                            update.executeUpdate();
                        }
                        return new Recorded(latest, false);
                    }
                }
            }
            UUID id = UUID.randomUUID();
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                insert.setObject(1, id);
                insert.setString(2, source);
                insert.setString(3, agency);
                insert.setString(4, status.name());
                insert.setBoolean(5, full);
                insert.setString(6, kept);
                insert.setTimestamp(7, Timestamp.from(startedAt));
                insert.setTimestamp(8, Timestamp.from(now));
                insert.executeUpdate();
            }
            try (PreparedStatement prune = c.prepareStatement(PRUNE)) {
                prune.setString(1, source);
                prune.setString(2, source);
                prune.executeUpdate();
            }
            return new Recorded(id, true);
        });
    }
}
