package org.porchlight.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.ExternalRegistration;

/**
 * Writes what sources supply into {@code registry.camera}, keyed by {@code (source, external_key)}.
 * A row no newer than the one held changes nothing; a row its owner claimed is the owner's.
 */
final class ExternalRegistrations {

    /** What one batch did, row by row. */
    record Outcome(long created, long updated, long unchanged, long withdrawn, long claimed) {

        static final Outcome NONE = new Outcome(0, 0, 0, 0, 0);

        Outcome plus(Outcome o) {
            return new Outcome(created + o.created, updated + o.updated, unchanged + o.unchanged, withdrawn + o.withdrawn,
                    claimed + o.claimed);
        }
    }

    private record Held(UUID id, Instant sourceUpdatedAt, boolean claimed) {
    }

    private static final String DATA = "latitude = ?, longitude = ?, cell = ?, address = ?, kind = ?, camera_count = ?, "
            + "recording = ?, retention_days = ?, contact_ok = ?, withdrawn = ?, business_name = ?, contact_email = ?, "
            + "contact_phone = ?, source_updated_at = ?, confirmed_at = ?, updated_at = ?";

    private ExternalRegistrations() {
    }

    /**
     * Applies a batch inside the caller's transaction.
     *
     * @param agencies the agencies that may ask about a camera at a point
     */
    static Outcome apply(Connection c, boolean keyByKey, String source, List<ExternalRegistration> batch,
            Function<GeoPoint, List<String>> agencies, Instant now) throws SQLException {
        if (batch.isEmpty()) {
            return Outcome.NONE;
        }
        // A key handed twice in one batch: only its newest row can change anything.
        Map<String, ExternalRegistration> newest = new LinkedHashMap<>();
        for (ExternalRegistration r : batch) {
            newest.merge(r.externalKey(), r, (a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
        }
        Map<String, Held> held = held(c, keyByKey, source, newest.keySet());
        long created = 0;
        long updated = 0;
        long unchanged = batch.size() - newest.size();
        long withdrawn = 0;
        long claimed = 0;
        List<UUID> createdIds = new ArrayList<>();
        List<UUID> updatedIds = new ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO registry.camera (id, source, external_key, "
                + "bearing, view_angle, exact_location_ok, paused, verified, created_at, latitude, longitude, cell, address, kind, "
                + "camera_count, recording, retention_days, contact_ok, withdrawn, business_name, contact_email, contact_phone, "
                + "source_updated_at, confirmed_at, updated_at) "
                + "VALUES (?, ?, ?, NULL, NULL, FALSE, FALSE, FALSE, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement update = c.prepareStatement("UPDATE registry.camera SET " + DATA + " WHERE id = ?");
                PreparedStatement clearAgencies = c.prepareStatement("DELETE FROM registry.camera_agency WHERE camera_id = ?");
                PreparedStatement addAgency = c.prepareStatement(
                        "INSERT INTO registry.camera_agency (camera_id, agency_code) VALUES (?, ?)")) {
            for (ExternalRegistration r : newest.values()) {
                Held before = held.get(r.externalKey());
                UUID id;
                if (before == null) {
                    id = TimeOrderedIds.next();
                    insert.setObject(1, id);
                    insert.setString(2, source);
                    insert.setString(3, r.externalKey());
                    insert.setTimestamp(4, Timestamp.from(now));
                    setData(insert, 5, r, now);
                    insert.addBatch();
                    createdIds.add(id);
                    if (r.withdrawn()) {
                        withdrawn++;
                    } else {
                        created++;
                    }
                } else if (before.claimed()) {
                    claimed++;
                    continue;
                } else if (!r.updatedAt().isAfter(before.sourceUpdatedAt())) {
                    unchanged++;
                    continue;
                } else {
                    id = before.id();
                    int next = setData(update, 1, r, now);
                    update.setObject(next, id);
                    update.addBatch();
                    clearAgencies.setObject(1, id);
                    clearAgencies.addBatch();
                    updatedIds.add(id);
                    if (r.withdrawn()) {
                        withdrawn++;
                    } else {
                        updated++;
                    }
                }
                if (!r.withdrawn()) {
                    for (String agency : agencies.apply(r.location())) {
                        addAgency.setObject(1, id);
                        addAgency.setString(2, agency);
                        addAgency.addBatch();
                    }
                }
            }
            insert.executeBatch();
            update.executeBatch();
            clearAgencies.executeBatch();
            addAgency.executeBatch();
        }
        if (!createdIds.isEmpty()) {
            // Time-ordered: one change row covers the batch's new registrations.
            ActiveCameraIndex.created(c, now, Collections.min(createdIds, TimeOrderedIds.DATABASE_ORDER),
                    Collections.max(createdIds, TimeOrderedIds.DATABASE_ORDER));
        }
        ActiveCameraIndex.changed(c, now, updatedIds);
        return new Outcome(created, updated, unchanged, withdrawn, claimed);
    }

    /** What the batch's keys hold already. */
    private static Map<String, Held> held(Connection c, boolean keyByKey, String source, Collection<String> keys)
            throws SQLException {
        Map<String, Held> held = new HashMap<>();
        // Claimed: by a resident now, or by one who since deleted it (a tombstone).
        String columns = "SELECT external_key, id, source_updated_at, claimed_at FROM registry.camera WHERE source = ? AND ";
        if (keyByKey) {
            try (PreparedStatement select = c.prepareStatement(columns + "external_key = ?")) {
                select.setString(1, source);
                for (String key : keys) {
                    select.setString(2, key);
                    read(select, held);
                }
            }
        } else {
            try (PreparedStatement select = c.prepareStatement(columns + "external_key = ANY(?)")) {
                select.setString(1, source);
                select.setArray(2, c.createArrayOf("varchar", keys.toArray()));
                read(select, held);
            }
        }
        return held;
    }

    private static void read(PreparedStatement select, Map<String, Held> held) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                held.put(rs.getString(1), new Held(rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(), rs.getObject(4) != null));
            }
        }
    }

    /**
     * Sets the {@link #DATA} columns from {@code first}; returns the next index. A withdrawn
     * registration keeps no personal data: only its key and time, to hold off older rows, and a
     * location snapped to the coarse grid.
     */
    private static int setData(PreparedStatement s, int first, ExternalRegistration r, Instant now) throws SQLException {
        int i = first;
        GeoPoint location = r.withdrawn() ? Grid.snap(r.location()) : r.location();
        s.setDouble(i++, location.latitude());
        s.setDouble(i++, location.longitude());
        s.setLong(i++, Grid.cell(location.latitude(), location.longitude()));
        s.setString(i++, r.withdrawn() ? "" : r.address());
        s.setString(i++, r.kind().name());
        s.setInt(i++, r.cameraCount());
        s.setBoolean(i++, r.recording());
        s.setInt(i++, r.retentionDays());
        s.setBoolean(i++, r.contactOk());
        s.setBoolean(i++, r.withdrawn());
        s.setString(i++, r.withdrawn() ? null : r.businessName());
        s.setString(i++, r.withdrawn() || r.contactEmail() == null ? null : r.contactEmail().strip().toLowerCase(Locale.ROOT));
        s.setString(i++, r.withdrawn() ? null : r.contactPhone());
        s.setTimestamp(i++, Timestamp.from(r.updatedAt()));
        // The source's delivery confirms the registration for another period.
        s.setTimestamp(i++, Timestamp.from(now));
        s.setTimestamp(i++, Timestamp.from(now));
        return i;
    }
}
