package org.porchlight.registry;

import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.store.Database;
import org.porchlight.api.store.StorageException;

/** The density map's tables: its secret key, the periods' snapshots of distinct owners per cell, and what they count. */
final class DensityRows {

    /** Where a camera is and who owns it, as far as the map needs to know. */
    record OwnedPoint(double latitude, double longitude, String owner) {
    }

    /** A cell of one grid. */
    record GridCell(int meters, DensityGrid.Cell cell) {
    }

    private static final String SELECT_KEY = "SELECT secret FROM registry.density_key WHERE id = 1";
    private static final String INSERT_KEY = "INSERT INTO registry.density_key (id, secret) VALUES (1, ?)";
    private static final String SELECT_PERIOD = "SELECT 1 FROM registry.density_period WHERE period = ?";
    private static final String INSERT_PERIOD = "INSERT INTO registry.density_period (period, taken_at) VALUES (?, ?)";
    private static final String DELETE_OLDER = "DELETE FROM registry.density_period WHERE period < ?";
    private static final String INSERT_CELL = "INSERT INTO registry.density_cell (period, cell_meters, cell_row, cell_column, "
            + "owners) VALUES (?, ?, ?, ?, ?)";
    private static final String SELECT_CELLS = "SELECT cell_row, cell_column, owners FROM registry.density_cell WHERE period = ? "
            + "AND cell_meters = ? AND cell_row BETWEEN ? AND ? AND cell_column BETWEEN ? AND ?";
    /**
     * The owner of an unclaimed imported registration is its source's contact (e-mail address) or,
     * without one, the registration itself: a source is run by an agency, not by a resident.
     */
    private static final String ACTIVE_OWNERS = "SELECT latitude, longitude, owner_id, source, contact_email, external_key "
            + "FROM registry.camera WHERE " + Registrations.ACTIVE;

    private final Database database;

    DensityRows(Database database) {
        this.database = database;
    }

    /** The secret key of the noise, made by the first node that asks. */
    byte[] key() {
        Optional<String> stored = storedKey();
        if (stored.isEmpty()) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                database.inTransaction(c -> {
                    try (PreparedStatement insert = c.prepareStatement(INSERT_KEY)) {
                        insert.setString(1, HexFormat.of().formatHex(fresh));
                        return insert.executeUpdate();
                    }
                });
            } catch (StorageException e) {
                // Another node stored its key first: that one is read below.
            }
            stored = storedKey();
        }
        return HexFormat.of().parseHex(stored.orElseThrow(() -> new IllegalStateException("no density key could be stored")));
    }

    private Optional<String> storedKey() {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT_KEY); ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }

    boolean taken(long period) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT_PERIOD)) {
                select.setLong(1, period);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Every active camera with its owner. */
    List<OwnedPoint> activeOwners(Instant activeSince) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(ACTIVE_OWNERS)) {
                select.setFetchSize(10_000);
                select.setTimestamp(1, Timestamp.from(activeSince));
                List<OwnedPoint> points = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        UUID owner = rs.getObject(3, UUID.class);
                        String email = rs.getString(5);
                        String key = owner != null ? owner.toString()
                                : rs.getString(4) + (email != null ? " mail " + email : " key " + rs.getString(6));
                        points.add(new OwnedPoint(rs.getDouble(1), rs.getDouble(2), key));
                    }
                }
                return points;
            }
        });
    }

    /**
     * Stores a period's snapshot and drops older ones, in one transaction. Throws
     * {@link StorageException} if another node stored this period first.
     */
    void take(long period, Instant now, Map<GridCell, Integer> owners) {
        database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT_PERIOD)) {
                insert.setLong(1, period);
                insert.setTimestamp(2, Timestamp.from(now));
                insert.executeUpdate();
            }
            try (PreparedStatement insert = c.prepareStatement(INSERT_CELL)) {
                int pending = 0;
                for (Map.Entry<GridCell, Integer> cell : owners.entrySet()) {
                    insert.setLong(1, period);
                    insert.setInt(2, cell.getKey().meters());
                    insert.setLong(3, cell.getKey().cell().row());
                    insert.setLong(4, cell.getKey().cell().column());
                    insert.setInt(5, cell.getValue());
                    insert.addBatch();
                    if (++pending == 5_000) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement delete = c.prepareStatement(DELETE_OLDER)) {
                delete.setLong(1, period);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /** The snapshot's owners per cell of one grid, in a range of rows and columns. */
    Map<DensityGrid.Cell, Integer> owners(long period, int meters, long[] rows, long[] columns) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(SELECT_CELLS)) {
                select.setLong(1, period);
                select.setInt(2, meters);
                select.setLong(3, rows[0]);
                select.setLong(4, rows[1]);
                select.setLong(5, columns[0]);
                select.setLong(6, columns[1]);
                Map<DensityGrid.Cell, Integer> owners = new HashMap<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        owners.put(new DensityGrid.Cell(rs.getLong(1), rs.getLong(2)), rs.getInt(3));
                    }
                }
                return owners;
            }
        });
    }
}
