package org.porchlight.registry;

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

import org.porchlight.api.geo.GeoPoint;

/**
 * Removing registrations in SQL, in the caller's transaction: one of an owner's, or everything an
 * account has in the registry when it is deleted. A registration claimed from a source leaves a
 * tombstone without personal data (key, time, coarse location), so that the source's next export
 * does not bring it back; any other goes with its agencies (ON DELETE CASCADE).
 */
final class Removals {

    private static final String SELECT = "SELECT id, latitude, longitude, source FROM registry.camera WHERE owner_id = ?";
    private static final String ONE = SELECT + " AND id = ? FOR UPDATE";
    private static final String OWNED = SELECT + " FOR UPDATE";
    private static final String TOMBSTONE = "UPDATE registry.camera SET owner_id = NULL, withdrawn = TRUE, address = '', "
            + "business_name = NULL, contact_email = NULL, contact_phone = NULL, latitude = ?, longitude = ?, cell = ?, "
            + "updated_at = ? WHERE id = ?";
    private static final String UNLIST = "DELETE FROM registry.camera_agency WHERE camera_id = ?";
    private static final String DELETE = "DELETE FROM registry.camera WHERE id = ?";
    private static final String CLAIMS = "DELETE FROM registry.claim WHERE account_id = ?";
    /** A lock row for the cap on active registrations, not data about anyone. */
    private static final String OWNER = "DELETE FROM registry.registration_owner WHERE owner_id = ?";

    private record Row(UUID id, GeoPoint location, boolean imported) {
    }

    private final Clock clock;

    Removals(Clock clock) {
        this.clock = clock;
    }

    /** Removes the owner's registration {@code id}; false if the owner has no such registration. */
    boolean delete(Connection c, UUID owner, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(ONE)) {
            select.setObject(1, owner);
            select.setObject(2, id);
            return remove(c, read(select)) == 1;
        }
    }

    /**
     * Removes every registration of {@code account}, its pending claims of imported registrations and
     * its owner row, a batch per statement.
     *
     * @return how many registrations and claims went
     */
    long deleteAll(Connection c, UUID account) throws SQLException {
        long removed;
        try (PreparedStatement select = c.prepareStatement(OWNED)) {
            select.setObject(1, account);
            removed = remove(c, read(select));
        }
        try (PreparedStatement claims = c.prepareStatement(CLAIMS); PreparedStatement owner = c.prepareStatement(OWNER)) {
            claims.setObject(1, account);
            removed += claims.executeUpdate();
            owner.setObject(1, account);
            owner.executeUpdate();
        }
        return removed;
    }

    private int remove(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant();
        try (PreparedStatement tombstone = c.prepareStatement(TOMBSTONE); PreparedStatement unlist = c.prepareStatement(UNLIST);
                PreparedStatement delete = c.prepareStatement(DELETE)) {
            boolean imported = false;
            boolean owned = false;
            for (Row row : rows) {
                if (row.imported()) {
                    GeoPoint coarse = Grid.snap(row.location());
                    tombstone.setDouble(1, coarse.latitude());
                    tombstone.setDouble(2, coarse.longitude());
                    tombstone.setLong(3, Grid.cell(coarse.latitude(), coarse.longitude()));
                    tombstone.setTimestamp(4, Timestamp.from(now));
                    tombstone.setObject(5, row.id());
                    tombstone.addBatch();
                    unlist.setObject(1, row.id());
                    unlist.addBatch();
                    imported = true;
                } else {
                    delete.setObject(1, row.id());
                    delete.addBatch();
                    owned = true;
                }
            }
            if (imported) {
                tombstone.executeBatch();
                unlist.executeBatch();
            }
            if (owned) {
                delete.executeBatch();
            }
        }
        ActiveCameraIndex.changed(c, now, rows.stream().map(Row::id).toList());
        return rows.size();
    }

    private static List<Row> read(PreparedStatement select) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getObject(1, UUID.class), new GeoPoint(rs.getDouble(2), rs.getDouble(3)), rs.getString(4) != null));
            }
        }
        return rows;
    }
}
