package org.porchlight.incentives.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.incentives.Raffles.Raffle;
import org.porchlight.sql.Rows;

/** All SQL of raffles and their entrants. */
public final class RaffleRows {

    private static final String COLUMNS = "id, agency_code, campaign_id, title, units, state, seed, commitment, created_at, "
            + "drawn_at";
    private static final String INSERT = "INSERT INTO incentives.raffle (id, agency_code, campaign_id, title, units, state, "
            + "seed, commitment, created_by, created_at) VALUES (?,?,?,?,?,'OPEN',?,?,?,?)";
    private static final String LOCK = "SELECT state, seed, units, campaign_id FROM incentives.raffle WHERE id = ? "
            + "AND agency_code = ? FOR UPDATE";
    private static final String ENTER = "INSERT INTO incentives.raffle_entrant (raffle_id, label) VALUES (?, ?) "
            + "ON CONFLICT DO NOTHING";
    private static final String ENTRANTS = "SELECT label FROM incentives.raffle_entrant WHERE raffle_id = ?";
    private static final String COUNT = "SELECT COUNT(*) FROM incentives.raffle_entrant WHERE raffle_id = ?";
    private static final String WINNERS = "SELECT label FROM incentives.raffle_entrant WHERE raffle_id = ? "
            + "AND winner_rank IS NOT NULL ORDER BY winner_rank";
    private static final String MARK_WINNER = "UPDATE incentives.raffle_entrant SET winner_rank = ? WHERE raffle_id = ? "
            + "AND label = ?";
    private static final String DRAWN = "UPDATE incentives.raffle SET state = 'DRAWN', drawn_at = ? WHERE id = ?";
    private static final String FIND = "SELECT " + COLUMNS + " FROM incentives.raffle WHERE id = ?";
    private static final String FIND_AT_AGENCY = FIND + " AND agency_code = ?";
    private static final String LIST = "SELECT " + COLUMNS + ", (SELECT COUNT(*) FROM incentives.raffle_entrant e "
            + "WHERE e.raffle_id = r.id) FROM incentives.raffle r WHERE agency_code = ? ORDER BY created_at DESC";
    private static final String AGENCY_WINNERS = "SELECT e.raffle_id, e.label FROM incentives.raffle_entrant e "
            + "JOIN incentives.raffle r ON r.id = e.raffle_id WHERE r.agency_code = ? AND e.winner_rank IS NOT NULL "
            + "ORDER BY e.raffle_id, e.winner_rank";
    private static final String OPEN_COUNT = "SELECT COUNT(*) FROM incentives.raffle WHERE agency_code = ? AND state = 'OPEN'";

    /** An open raffle as read under its row's lock. */
    public record Locked(String state, String seed, int units, UUID campaign) {
    }

    public void insert(Connection c, UUID id, String agency, UUID campaign, String title, int units, String seed,
            String commitment, UUID by, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, id);
            s.setString(2, agency);
            s.setObject(3, campaign);
            s.setString(4, title);
            s.setInt(5, units);
            s.setString(6, seed);
            s.setString(7, commitment);
            s.setObject(8, by);
            s.setTimestamp(9, timestamp(now));
            s.executeUpdate();
        }
    }

    /** The agency's raffle, its row locked until the transaction ends. */
    public Optional<Locked> lock(Connection c, String agency, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setObject(1, id);
            s.setString(2, agency);
            return Rows.first(s, rs -> new Locked(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getObject(4, UUID.class)));
        }
    }

    /** Enters each label once; one already entered stays as it was. */
    public void enter(Connection c, UUID id, List<String> labels) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ENTER)) {
            for (String label : labels) {
                s.setObject(1, id);
                s.setString(2, label);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** The raffle's entrants, sorted by label as the draw takes them. */
    public List<String> entrants(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ENTRANTS)) {
            s.setObject(1, id);
            List<String> labels = Rows.list(s, rs -> rs.getString(1));
            labels.sort(null);
            return labels;
        }
    }

    public int count(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COUNT)) {
            s.setObject(1, id);
            return (int) Rows.single(s);
        }
    }

    /** Records the winners in the order drawn and the raffle as drawn at {@code now}. */
    public void drawn(Connection c, UUID id, List<String> winners, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(MARK_WINNER)) {
            for (int rank = 0; rank < winners.size(); rank++) {
                s.setInt(1, rank + 1);
                s.setObject(2, id);
                s.setString(3, winners.get(rank));
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement(DRAWN)) {
            s.setTimestamp(1, timestamp(now));
            s.setObject(2, id);
            s.executeUpdate();
        }
    }

    /**
     * The raffle, at the agency unless {@code agency} is null; {@code withEntrants}: its sorted entrant list too. The seed
     * is left out until the raffle is drawn.
     */
    public Optional<Raffle> find(Connection c, String agency, UUID id, boolean withEntrants) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(agency == null ? FIND : FIND_AT_AGENCY)) {
            s.setObject(1, id);
            if (agency != null) {
                s.setString(2, agency);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> entrants = withEntrants ? entrants(c, id) : List.of();
                int entrantCount = withEntrants ? entrants.size() : count(c, id);
                List<String> winners;
                try (PreparedStatement w = c.prepareStatement(WINNERS)) {
                    w.setObject(1, id);
                    winners = Rows.list(w, wr -> wr.getString(1));
                }
                return Optional.of(read(rs, entrantCount, entrants, winners));
            }
        }
    }

    /** The agency's raffles, newest first, with their entrant counts and winners but not their entrants: two queries. */
    public List<Raffle> list(Connection c, String agency) throws SQLException {
        Map<UUID, List<String>> winners = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(AGENCY_WINNERS)) {
            s.setString(1, agency);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    winners.computeIfAbsent(rs.getObject(1, UUID.class), r -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(LIST)) {
            s.setString(1, agency);
            return Rows.list(s, rs -> read(rs, rs.getInt(11), List.of(),
                    winners.getOrDefault(rs.getObject(1, UUID.class), new ArrayList<>())));
        }
    }

    /** How many of the agency's raffles are open. */
    public long openCount(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(OPEN_COUNT)) {
            s.setString(1, agency);
            return Rows.single(s);
        }
    }

    private static Raffle read(ResultSet rs, int entrantCount, List<String> entrants, List<String> winners) throws SQLException {
        boolean drawn = "DRAWN".equals(rs.getString(6));
        return new Raffle(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getInt(5), rs.getString(6), rs.getString(8), drawn ? rs.getString(7) : null, entrantCount, entrants, winners,
                instant(rs, 9), instant(rs, 10));
    }
}
