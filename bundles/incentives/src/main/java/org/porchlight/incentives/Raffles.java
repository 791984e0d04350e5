package org.porchlight.incentives;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
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
            try (PreparedStatement s = c.prepareStatement("INSERT INTO incentives.raffle (id, agency_code, campaign_id, title, units, state, "
                    + "seed, commitment, created_by, created_at) VALUES (?,?,?,?,?,'OPEN',?,?,?,?)")) {
                s.setObject(1, id);
                s.setString(2, agency);
                s.setObject(3, campaign);
                s.setString(4, title);
                s.setInt(5, units);
                s.setString(6, HexFormat.of().formatHex(seed));
                s.setString(7, commitment(seed));
                s.setObject(8, by);
                s.setTimestamp(9, Timestamp.from(now));
                s.executeUpdate();
            }
            return null;
        });
        return find(agency, id, true);
    }

    /** Adds entrants by label while the raffle is open; a label already entered is not entered twice. */
    public Raffle enter(String agencyCode, UUID id, List<String> labels, int maxEntrants) {
        String agency = programmes.agency(agencyCode).code();
        database.inTransaction(c -> {
            lockOpen(c, agency, id);
            if (count(c, id) + labels.size() > maxEntrants) {
                throw new ProblemException(TOO_MANY, "A raffle has at most " + maxEntrants + " entrants.");
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO incentives.raffle_entrant (raffle_id, label) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                for (String label : labels) {
                    s.setObject(1, id);
                    s.setString(2, label);
                    s.addBatch();
                }
                s.executeBatch();
            }
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
            List<String> entrants = entrants(c, id);
            List<String> winners = draw(HexFormat.of().parseHex(raffle.seed()), entrants, raffle.units());
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE incentives.raffle_entrant SET winner_rank = ? WHERE raffle_id = ? AND label = ?")) {
                for (int rank = 0; rank < winners.size(); rank++) {
                    s.setInt(1, rank + 1);
                    s.setObject(2, id);
                    s.setString(3, winners.get(rank));
                    s.addBatch();
                }
                s.executeBatch();
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE incentives.raffle SET state = 'DRAWN', drawn_at = ? WHERE id = ?")) {
                s.setTimestamp(1, Timestamp.from(now));
                s.setObject(2, id);
                s.executeUpdate();
            }
            if (!winners.isEmpty()) {
                ledger.redeem(c, agency, winners.size(), raffle.campaign(), id, by.toString(), now);
            }
            return null;
        });
        return find(agency, id, true);
    }

    public List<Raffle> list(String agencyCode) {
        String agency = programmes.agency(agencyCode).code();
        List<UUID> ids = database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM incentives.raffle WHERE agency_code = ? ORDER BY created_at DESC")) {
                s.setString(1, agency);
                List<UUID> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(rs.getObject(1, UUID.class));
                    }
                }
                return found;
            }
        });
        return ids.stream().map(id -> find(agency, id, false)).toList();
    }

    /** How many of the agency's raffles are open: created, not yet drawn. */
    public long openCount(String agencyCode) {
        String agency = programmes.agency(agencyCode).code();
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT COUNT(*) FROM incentives.raffle WHERE agency_code = ? AND state = 'OPEN'")) {
                s.setString(1, agency);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The raffle with its entrants, for its agency (by any spelling of the agency's code). */
    public Raffle get(String agencyCode, UUID id) {
        return find(programmes.agency(agencyCode).code(), id, true);
    }

    /** The raffle as its agency sees it ({@code withEntrants}: the entrant list too, also while open). */
    public Raffle find(String agency, UUID id, boolean withEntrants) {
        return database.withConnection(c -> read(c, agency, id, withEntrants));
    }

    /** The raffle as anyone may see it: entrants and seed only once drawn. */
    public Raffle published(UUID id) {
        Raffle raffle = database.withConnection(c -> read(c, null, id, true));
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

    private record Locked(String seed, int units, UUID campaign) {
    }

    private static Locked lockOpen(Connection c, String agency, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT state, seed, units, campaign_id FROM incentives.raffle WHERE id = ? "
                + "AND agency_code = ? FOR UPDATE")) {
            s.setObject(1, id);
            s.setString(2, agency);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new ProblemException(Programmes.NOT_FOUND, "No such raffle.");
                }
                if (!"OPEN".equals(rs.getString(1))) {
                    throw new ProblemException(NOT_OPEN, "The raffle is " + rs.getString(1) + "; entry is closed.");
                }
                return new Locked(rs.getString(2), rs.getInt(3), rs.getObject(4, UUID.class));
            }
        }
    }

    private static List<String> entrants(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT label FROM incentives.raffle_entrant WHERE raffle_id = ?")) {
            s.setObject(1, id);
            List<String> labels = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    labels.add(rs.getString(1));
                }
            }
            labels.sort(null);
            return labels;
        }
    }

    private static int count(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM incentives.raffle_entrant WHERE raffle_id = ?")) {
            s.setObject(1, id);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static Raffle read(Connection c, String agency, UUID id, boolean withEntrants) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT agency_code, campaign_id, title, units, state, seed, commitment, created_at, "
                + "drawn_at FROM incentives.raffle WHERE id = ?" + (agency == null ? "" : " AND agency_code = ?"))) {
            s.setObject(1, id);
            if (agency != null) {
                s.setString(2, agency);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new ProblemException(Programmes.NOT_FOUND, "No such raffle.");
                }
                boolean drawn = "DRAWN".equals(rs.getString(5));
                List<String> entrants = withEntrants ? entrants(c, id) : List.of();
                int entrantCount = withEntrants ? entrants.size() : count(c, id);
                List<String> winners = new ArrayList<>();
                try (PreparedStatement w = c.prepareStatement("SELECT label FROM incentives.raffle_entrant WHERE raffle_id = ? "
                        + "AND winner_rank IS NOT NULL ORDER BY winner_rank")) {
                    w.setObject(1, id);
                    try (ResultSet wr = w.executeQuery()) {
                        while (wr.next()) {
                            winners.add(wr.getString(1));
                        }
                    }
                }
                return new Raffle(id, rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getInt(4), rs.getString(5),
                        rs.getString(7), drawn ? rs.getString(6) : null, entrantCount, entrants, winners,
                        rs.getTimestamp(8).toInstant(), rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant());
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
