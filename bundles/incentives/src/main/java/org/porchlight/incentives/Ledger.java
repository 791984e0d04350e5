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
import org.porchlight.incentives.store.CampaignRows;
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

    /**
     * The ledger as of one moment: the balance, the attributions pending (address not verified, earning
     * nothing) and counted, and the latest entries.
     */
    public record Statement(Balance balance, Programmes.States attributions, List<Entry> entries) {
    }

    private final Database database;
    private final LedgerRows rows = new LedgerRows();
    private final CampaignRows campaigns = new CampaignRows();
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

    /**
     * The agency's statement, read in one snapshot of the database: a sign-up is counted in the same
     * transaction as the units it earns, and three separate reads could show one without the other.
     */
    public Statement statement(String agency, int limit) {
        return database.inTransaction(c -> {
            snapshot(c);
            return new Statement(rows.balance(c, agency), campaigns.states(c, agency), rows.entries(c, agency, limit));
        });
    }

    /** Every read of the transaction sees the database as of its first: REPEATABLE READ on PostgreSQL, SNAPSHOT on H2. */
    private static void snapshot(Connection c) throws SQLException {
        boolean h2 = "H2".equals(c.getMetaData().getDatabaseProductName());
        c.setTransactionIsolation(h2 ? H2_SNAPSHOT : Connection.TRANSACTION_REPEATABLE_READ);
    }

    /** H2's own isolation level SNAPSHOT (its JDBC constant; H2's REPEATABLE READ still lets new rows in). */
    private static final int H2_SNAPSHOT = 6;

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
