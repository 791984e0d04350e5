package org.porchlight.api.registry;

import java.time.Instant;
import java.util.Objects;

import org.porchlight.api.geo.GeoPoint;

/**
 * One registration as an external registry holds it. The registry keeps it under
 * {@code (source, externalKey)}; a row with an {@code updatedAt} older than, or equal to, the one
 * held changes nothing, so delivering the same feed twice is harmless.
 *
 * @param externalKey the source's own key, stable across exports, 1 to 64 characters
 * @param updatedAt when the source last changed it
 * @param withdrawn the owner left the source's programme: no longer matched or counted
 * @param businessName for businesses, otherwise {@code null}
 * @param contactEmail personal data: used only to let the owner claim the registration, never
 *        shown to an agency
 * @param contactPhone personal data, never shown to an agency
 */
public record ExternalRegistration(String externalKey, Instant updatedAt, boolean withdrawn, GeoPoint location,
        String address, String businessName, CameraKind kind, int cameraCount, boolean recording, int retentionDays,
        boolean contactOk, String contactEmail, String contactPhone) {

    public ExternalRegistration {
        require(externalKey, "externalKey", 64);
        Objects.requireNonNull(updatedAt, "updatedAt");
        Objects.requireNonNull(location, "location");
        require(address, "address", 300);
        limit(businessName, "businessName", 200);
        Objects.requireNonNull(kind, "kind");
        limit(contactEmail, "contactEmail", 254);
        limit(contactPhone, "contactPhone", 32);
        if (cameraCount < 1 || cameraCount > 500) {
            throw new IllegalArgumentException("cameraCount must be 1 to 500, got " + cameraCount);
        }
        if (retentionDays < 0 || retentionDays > 3650) {
            throw new IllegalArgumentException("retentionDays must be 0 to 3650, got " + retentionDays);
        }
    }

    private static void require(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        limit(value, name, max);
    }

    private static void limit(String value, String name, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
    }
}
