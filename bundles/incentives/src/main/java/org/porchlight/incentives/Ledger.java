package org.porchlight.incentives;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;
import org.porchlight.incentives.store.LedgerRows;

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
    private final LedgerRows rows = new LedgerRows();
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
        return database.withConnection(c -> rows.balance(c, agency));
    }

    /** The balance the head row holds: equal to {@link #balance}'s sum unless something wrote around the ledger. */
    long headBalance(String agency) {
        return database.withConnection(c -> rows.headBalance(c, agency));
    }

    public List<Entry> entries(String agency, int limit) {
        return database.withConnection(c -> rows.entries(c, agency, limit));
    }

    private Entry append(Connection c, String agency, Kind kind, int units, UUID campaign, String rule, UUID raffle, String reason,
            String actor, Instant at) throws SQLException {
        long balance = rows.lockHead(c, agency);
        if (balance + units < 0) {
            throw new ProblemException(INSUFFICIENT, "The ledger holds " + balance + " units; " + -units + " cannot be taken off.");
        }
        Entry entry = new Entry(UUID.randomUUID(), kind, units, campaign, rule, raffle, reason, actor, at);
        rows.append(c, agency, entry);
        return entry;
    }
}
