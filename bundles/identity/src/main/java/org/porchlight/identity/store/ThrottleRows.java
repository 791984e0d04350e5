package org.porchlight.identity.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.porchlight.api.store.Database;
import org.porchlight.sql.Rows;

/**
 * Failed sign-ins, and sign-ups, per throttling subject (a SHA-256, so that neither an e-mail
 * address nor an IP address is stored), in {@code identity.login_throttle}, where every node sees them.
 */
public final class ThrottleRows {

    /** How long the subject with this many failures (counting the one just made) is blocked, if at all. */
    @FunctionalInterface
    public interface BlockRule {
        Optional<Instant> blockedUntil(String subject, int failures);
    }

    private static final String LATEST_BLOCK = "SELECT MAX(blocked_until) FROM identity.login_throttle WHERE subject IN (%s)";
    private static final String COUNT = "UPDATE identity.login_throttle SET failures = CASE WHEN updated_at < ? THEN 1 "
            + "ELSE failures + 1 END, updated_at = ? WHERE subject = ?";
    private static final String CREATE = "INSERT INTO identity.login_throttle (subject, failures, updated_at) VALUES (?, 1, ?) "
            + "ON CONFLICT DO NOTHING";
    private static final String FAILURES = "SELECT failures FROM identity.login_throttle WHERE subject = ?";
    private static final String BLOCK = "UPDATE identity.login_throttle SET blocked_until = ? WHERE subject = ?";
    private static final String CLEAR = "DELETE FROM identity.login_throttle WHERE subject = ?";
    private static final String FORGET = "DELETE FROM identity.login_throttle WHERE updated_at < ? "
            + "AND (blocked_until IS NULL OR blocked_until < ?)";

    private final Database database;

    public ThrottleRows(Database database) {
        this.database = database;
    }

    /** The latest end of a block among these subjects, if any is blocked after {@code now}. */
    public Optional<Instant> blockedUntil(List<String> subjects, Instant now) {
        String marks = String.join(", ", Collections.nCopies(subjects.size(), "?"));
        Instant until = database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(String.format(LATEST_BLOCK, marks))) {
                for (int i = 0; i < subjects.size(); i++) {
                    select.setString(i + 1, subjects.get(i));
                }
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Rows.instant(rs, 1) : null;
                }
            }
        });
        return until != null && until.isAfter(now) ? Optional.of(until) : Optional.empty();
    }

    /**
     * Counts one failure against each subject, in one transaction and in a fixed order (so that two
     * nodes counting the same subjects never wait on each other crosswise). A subject's count last
     * touched before {@code restartBefore} starts again at 1; rows nobody touched since
     * {@code forgetBefore} are deleted (the table holds counts of several kinds with different
     * windows, so that is the longest of them).
     */
    public void fail(List<String> subjects, Instant now, Instant restartBefore, Instant forgetBefore, BlockRule rule) {
        List<String> ordered = new ArrayList<>(subjects);
        Collections.sort(ordered);
        database.inTransaction(c -> {
            try (PreparedStatement forget = c.prepareStatement(FORGET)) {
                forget.setTimestamp(1, Rows.timestamp(forgetBefore));
                forget.setTimestamp(2, Rows.timestamp(now));
                forget.executeUpdate();
            }
            for (String subject : ordered) { // a fixed handful of subjects, not rows
                int failures = count(c, subject, now, restartBefore);
                Optional<Instant> until = rule.blockedUntil(subject, failures);
                if (until.isPresent()) {
                    try (PreparedStatement block = c.prepareStatement(BLOCK)) {
                        block.setTimestamp(1, Rows.timestamp(until.get()));
                        block.setString(2, subject);
                        block.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /** Forgets a subject's failures (a successful sign-in). */
    public void clear(String subject) {
        database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement(CLEAR)) {
                delete.setString(1, subject);
                return delete.executeUpdate();
            }
        });
    }

    private static int count(Connection c, String subject, Instant now, Instant forgetBefore) throws SQLException {
        // The UPDATE takes the row's lock, so concurrent failures on any node each count.
        for (int attempt = 0; attempt < 3 && update(c, subject, now, forgetBefore) == 0; attempt++) {
            try (PreparedStatement create = c.prepareStatement(CREATE)) {
                create.setString(1, subject);
                create.setTimestamp(2, Rows.timestamp(now));
                if (create.executeUpdate() == 1) {
                    break; // a first failure; otherwise another node created it just now: count on it
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement(FAILURES)) {
            select.setString(1, subject);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 1;
            }
        }
    }

    private static int update(Connection c, String subject, Instant now, Instant forgetBefore) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(COUNT)) {
            update.setTimestamp(1, Rows.timestamp(forgetBefore));
            update.setTimestamp(2, Rows.timestamp(now));
            update.setString(3, subject);
            return update.executeUpdate();
        }
    }
}
