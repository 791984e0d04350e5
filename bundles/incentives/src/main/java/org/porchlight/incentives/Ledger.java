package org.porchlight.incentives;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;

/**
 * Each agency's ledger of units: append-only entries (earned, redeemed, adjusted) and a head row
 * holding the balance, changed in the same transaction as every entry and locked while it
 * changes, so the balance is always the sum of the entries and never goes below zero.
 */
@Component(service = Ledger.class)
public class Ledger {

    static final ProblemType INSUFFICIENT = ProblemType.named("insufficient-balance", "Not enough units on the ledger", 409);

    /** Kinds of entry. */
    public enum Kind {
        EARNED, REDEEMED, ADJUSTED
    }

    /** One entry as the agency sees it. */
    public record Entry(UUID id, Kind kind, int units, UUID campaign, String rule, UUID raffle, String reason, String actor,
            Instant at) {
    }

    /** The balance and what it is made of; {@code balance} equals {@code earned + redeemed + adjusted}. */
    public record Balance(String agency, long balance, long earned, long redeemed, long adjusted) {
    }

    private final Database database;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public Ledger(@Reference Database database) {
        this.database = database;
    }

    /** Credits units a rule awarded, in the caller's transaction. */
    void earn(Connection c, String agency, int units, UUID campaign, String rule, Instant at) throws SQLException {
        append(c, agency, Kind.EARNED, units, campaign, rule, null, null, "system", at);
    }

    /** Takes units off for a raffle's winners, in the caller's transaction; 409 if the balance is short. */
    void redeem(Connection c, String agency, int units, UUID campaign, UUID raffle, String actor, Instant at) throws SQLException {
        append(c, agency, Kind.REDEEMED, -units, campaign, null, raffle, null, actor, at);
    }

    /** An agency admin's correction, with its reason. */
    public Entry adjust(String agency, int units, String reason, UUID actor) {
        Instant now = clock.instant();
        return database.inTransaction(c -> append(c, agency, Kind.ADJUSTED, units, null, null, null, reason, actor.toString(), now));
    }

    public Balance balance(String agency) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(SUM(units), 0), "
                    + "COALESCE(SUM(CASE WHEN kind = 'EARNED' THEN units END), 0), "
                    + "COALESCE(SUM(CASE WHEN kind = 'REDEEMED' THEN units END), 0), "
                    + "COALESCE(SUM(CASE WHEN kind = 'ADJUSTED' THEN units END), 0) FROM incentives.ledger_entry WHERE agency_code = ?")) {
                s.setString(1, agency);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return new Balance(agency, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                }
            }
        });
    }

    /** The balance the head row holds: equal to {@link #balance}'s sum unless something wrote around the ledger. */
    long headBalance(String agency) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT balance FROM incentives.ledger_head WHERE agency_code = ?")) {
                s.setString(1, agency);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    public List<Entry> entries(String agency, int limit) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, kind, units, campaign_id, rule, raffle_id, reason, actor, created_at "
                    + "FROM incentives.ledger_entry WHERE agency_code = ? ORDER BY created_at DESC, id LIMIT " + limit)) {
                s.setString(1, agency);
                List<Entry> entries = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        entries.add(new Entry(rs.getObject(1, UUID.class), Kind.valueOf(rs.getString(2)), rs.getInt(3),
                                rs.getObject(4, UUID.class), rs.getString(5), rs.getObject(6, UUID.class), rs.getString(7), rs.getString(8),
                                rs.getTimestamp(9).toInstant()));
                    }
                }
                return entries;
            }
        });
    }

    private Entry append(Connection c, String agency, Kind kind, int units, UUID campaign, String rule, UUID raffle, String reason,
            String actor, Instant at) throws SQLException {
        try (PreparedStatement head = c.prepareStatement(
                "INSERT INTO incentives.ledger_head (agency_code, balance) VALUES (?, 0) ON CONFLICT DO NOTHING")) {
            head.setString(1, agency);
            head.executeUpdate();
        }
        long balance;
        try (PreparedStatement lock = c.prepareStatement("SELECT balance FROM incentives.ledger_head WHERE agency_code = ? FOR UPDATE")) {
            lock.setString(1, agency);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                balance = rs.getLong(1);
            }
        }
        if (balance + units < 0) {
            throw new ProblemException(INSUFFICIENT, "The ledger holds " + balance + " units; " + -units + " cannot be taken off.");
        }
        Entry entry = new Entry(UUID.randomUUID(), kind, units, campaign, rule, raffle, reason, actor, at);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO incentives.ledger_entry (id, agency_code, kind, units, campaign_id, "
                + "rule, raffle_id, reason, actor, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            insert.setObject(1, entry.id());
            insert.setString(2, agency);
            insert.setString(3, kind.name());
            insert.setInt(4, units);
            insert.setObject(5, campaign);
            insert.setString(6, rule);
            insert.setObject(7, raffle);
            insert.setString(8, reason);
            insert.setString(9, actor);
            insert.setTimestamp(10, Timestamp.from(at));
            insert.executeUpdate();
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE incentives.ledger_head SET balance = balance + ? WHERE agency_code = ?")) {
            update.setInt(1, units);
            update.setString(2, agency);
            update.executeUpdate();
        }
        return entry;
    }
}
