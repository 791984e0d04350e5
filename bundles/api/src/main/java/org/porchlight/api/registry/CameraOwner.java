package org.porchlight.api.registry;

import java.util.Objects;
import java.util.UUID;

/**
 * Whom to ask for footage of one registration.
 *
 * @param registration the registration's id
 * @param owner the resident's account, or {@code null} for a registration a source imported and
 *        nobody has claimed yet
 * @param source the external source's id for imported registrations, {@code null} otherwise
 * @param contactOk whether the owner agreed to be contacted about footage requests
 */
public record CameraOwner(UUID registration, UUID owner, String source, boolean contactOk) {

    public CameraOwner {
        Objects.requireNonNull(registration, "registration");
        if (owner == null && source == null) {
            throw new IllegalArgumentException("a registration belongs to a resident or to a source");
        }
    }
}
