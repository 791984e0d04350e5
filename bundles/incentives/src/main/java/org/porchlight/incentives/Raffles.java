package org.porchlight.incentives;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;
import org.porchlight.incentives.store.RaffleRows;
import org.porchlight.incentives.store.RaffleRows.Locked;

/**
 * Raffles that give an agency's units away, verifiably. When a raffle is created it draws a
 * secret seed and publishes its SHA-256 (the commitment). Entrants are added while it is open.
 * Closing it reveals the seed and draws the winners with {@link #draw}, a function of the seed
 * and the sorted entrant list alone, so anyone can recompute the draw and check the seed against
 * the commitment; the units awarded are redeemed from the ledger in the same transaction.
 */
@Component(service = Raffles.class)
public class Raffles {

    /** Labels entrants are known by: ticket numbers or pseudonyms, never names or addresses. */
    public static final String LABEL = "[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}";

    static final ProblemType NOT_OPEN = ProblemType.named("raffle-closed", "The raffle is closed", 409);
    static final ProblemType TOO_MANY = ProblemType.named("too-many-entrants", "Too many entrants", 422);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final RaffleRows rows = new RaffleRows();
    private final Ledger ledger;
    private final Programmes programmes;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public Raffles(@Reference Database database, @Reference Ledger ledger, @Reference Programmes programmes) {
        this.database = database;
        this.ledger = ledger;
        this.programmes = programmes;
    }

    /**
     * A raffle. {@code seed} is {@code null} until the draw; {@code entrants} is the sorted list
     * the draw used (public once drawn), {@code winners} in the order drawn.
     */
    public record Raffle(UUID id, String agency, UUID campaign, String title, int units, String state, String commitment, String seed,
            int entrantCount, List<String> entrants, List<String> winners, Instant createdAt, Instant drawnAt) {
    }

    public Raffle create(String agencyCode, UUID campaign, String title, int units, UUID by) {
        String agency = programmes.agency(agencyCode).code();
        if (campaign != null) {
            programmes.campaign(agency, campaign); // 404 unless the agency's
        }
        long balance = ledger.balance(agency).balance();
        if (units > balance) {
            throw new ProblemException(Ledger.INSUFFICIENT, "The ledger holds " + balance + " units; a raffle of " + units
                    + " cannot be covered.");
        }
        byte[] seed = new byte[32];
        RANDOM.nextBytes(seed);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        database.inTransaction(c -> {
            rows.insert(c, id, agency, campaign, title, units, HexFormat.of().formatHex(seed), commitment(seed), by, now);
            return null;
        });
        return find(agency, id, true);
    }

    /** Adds entrants by label while the raffle is open; a label already entered is not entered twice. */
    public Raffle enter(String agencyCode, UUID id, List<String> labels, int maxEntrants) {
        String agency = programmes.agency(agencyCode).code();
        database.inTransaction(c -> {
            lockOpen(c, agency, id);
            if (rows.count(c, id) + labels.size() > maxEntrants) {
                throw new ProblemException(TOO_MANY, "A raffle has at most " + maxEntrants + " entrants.");
            }
            rows.enter(c, id, labels);
            return null;
        });
        return find(agency, id, true);
    }

    /** Closes entry, reveals the seed, draws the winners and redeems their units from the ledger, in one transaction. */
    public Raffle close(String agencyCode, UUID id, UUID by) {
        String agency = programmes.agency(agencyCode).code();
        Instant now = clock.instant();
        database.inTransaction(c -> {
            Locked raffle = lockOpen(c, agency, id);
            List<String> entrants = rows.entrants(c, id);
            List<String> winners = draw(HexFormat.of().parseHex(raffle.seed()), entrants, raffle.units());
            rows.drawn(c, id, winners, now);
            if (!winners.isEmpty()) {
                ledger.redeem(c, agency, winners.size(), raffle.campaign(), id, by.toString(), now);
            }
            return null;
        });
        return find(agency, id, true);
    }

    public List<Raffle> list(String agencyCode) {
        String agency = programmes.agency(agencyCode).code();
        return database.withConnection(c -> rows.list(c, agency));
    }

    /** How many of the agency's raffles are open: created, not yet drawn. */
    public long openCount(String agencyCode) {
        String agency = programmes.agency(agencyCode).code();
        return database.withConnection(c -> rows.openCount(c, agency));
    }

    /** The raffle with its entrants, for its agency (by any spelling of the agency's code). */
    public Raffle get(String agencyCode, UUID id) {
        return find(programmes.agency(agencyCode).code(), id, true);
    }

    /** The raffle as its agency sees it ({@code withEntrants}: the entrant list too, also while open). */
    public Raffle find(String agency, UUID id, boolean withEntrants) {
        return database.withConnection(c -> rows.find(c, agency, id, withEntrants)).orElseThrow(Raffles::noSuchRaffle);
    }

    /** The raffle as anyone may see it: entrants and seed only once drawn. */
    public Raffle published(UUID id) {
        Raffle raffle = database.withConnection(c -> rows.find(c, null, id, true)).orElseThrow(Raffles::noSuchRaffle);
        if ("OPEN".equals(raffle.state())) {
            return new Raffle(raffle.id(), raffle.agency(), raffle.campaign(), raffle.title(), raffle.units(), raffle.state(),
                    raffle.commitment(), null, raffle.entrantCount(), List.of(), List.of(), raffle.createdAt(), null);
        }
        return raffle;
    }

    /**
     * The draw: from the entrants sorted by label (ASCII order), winner k (from 0) is taken out of
     * the entrants remaining at index {@code uint64(SHA-256(seed || uint32_be(k))[0..8]) mod remaining},
     * until {@code units} winners are drawn or nobody is left.
     */
    static List<String> draw(byte[] seed, List<String> entrants, int units) {
        List<String> remaining = new ArrayList<>(entrants);
        remaining.sort(null);
        List<String> winners = new ArrayList<>();
        for (int k = 0; k < units && !remaining.isEmpty(); k++) {
            MessageDigest sha = sha256();
            sha.update(seed);
            sha.update(ByteBuffer.allocate(4).putInt(k).array());
            long value = ByteBuffer.wrap(sha.digest(), 0, 8).getLong();
            winners.add(remaining.remove((int) Long.remainderUnsigned(value, remaining.size())));
        }
        return winners;
    }

    static String commitment(byte[] seed) {
        return HexFormat.of().formatHex(sha256().digest(seed));
    }

    /** The agency's raffle, locked until the transaction ends; 404 if there is none, 409 unless it is open. */
    private Locked lockOpen(Connection c, String agency, UUID id) throws SQLException {
        Locked raffle = rows.lock(c, agency, id).orElseThrow(Raffles::noSuchRaffle);
        if (!"OPEN".equals(raffle.state())) {
            throw new ProblemException(NOT_OPEN, "The raffle is " + raffle.state() + "; entry is closed.");
        }
        return raffle;
    }

    private static ProblemException noSuchRaffle() {
        return new ProblemException(Programmes.NOT_FOUND, "No such raffle.");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
