package org.porchlight.registry;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraKind;

/**
 * A camera registration as its owner sees it.
 *
 * @param active whether footage requests can reach it now (not paused, recording, confirmed)
 * @param confirmationDue when it stops being matched unless confirmed again
 */
public record Registration(UUID id, GeoPoint location, String address, CameraKind kind, int cameraCount, Integer bearing,
        Integer viewAngle, boolean recording, int retentionDays, boolean contactOk, boolean exactLocationOk, boolean paused,
        boolean verified, List<String> agencies, String source, Instant confirmedAt, Instant confirmationDue, boolean active,
        Instant createdAt, Instant updatedAt) {
}
