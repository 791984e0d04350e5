package org.porchlight.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.porchlight.api.geo.GeoPoint;

/** Cameras open to KCPD for the registry's tests, written as the registry writes them: row, agency, change log. */
final class KcpdCameras {

    private KcpdCameras() {
    }

    static UUID insert(Connection c, GeoPoint at, UUID owner, boolean contactOk, boolean paused) throws SQLException {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement camera = c.prepareStatement("INSERT INTO registry.camera (id, owner_id, latitude, longitude, cell, "
                + "address, kind, camera_count, recording, retention_days, contact_ok, exact_location_ok, paused, withdrawn, "
                + "verified, confirmed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'x', 'DOORBELL', 1, TRUE, 30, ?, "
                + "FALSE, ?, FALSE, FALSE, ?, ?, ?)");
                PreparedStatement agency = c.prepareStatement(
                        "INSERT INTO registry.camera_agency (camera_id, agency_code) VALUES (?, 'KCPD')")) {
            camera.setObject(1, id);
            camera.setObject(2, owner);
            camera.setDouble(3, at.latitude());
            camera.setDouble(4, at.longitude());
            camera.setLong(5, Grid.cell(at.latitude(), at.longitude()));
            camera.setBoolean(6, contactOk);
            camera.setBoolean(7, paused);
            camera.setTimestamp(8, now);
            camera.setTimestamp(9, now);
            camera.setTimestamp(10, now);
            camera.executeUpdate();
            agency.setObject(1, id);
            agency.executeUpdate();
        }
        ActiveCameraIndex.changed(c, Instant.now(), List.of(id));
        return id;
    }
}
