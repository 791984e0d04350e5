package org.porchlight.api.registry;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.GeoPoint;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Matching cameras to an area. Only registrations that are active (not paused, recording,
 * confirmed within 13 months, not withdrawn) and that accept requests from the agency count.
 */
@ProviderType
public interface CameraRegistry {

    /** How many such cameras lie in {@code area}. */
    long countIn(Area area, String agencyCode);

    /** The owners of such cameras in {@code area}: one entry per registration, never a location. */
    List<CameraOwner> ownersIn(Area area, String agencyCode);

    /**
     * Where an agency may place a camera whose owner shared footage with it: the exact spot if the
     * owner allows it, otherwise the centre of its cell of about 150 m. Empty if the registration
     * does not exist or does not accept the agency's requests. Call it only for footage an owner
     * has shared: it is not a way to look cameras up.
     *
     * @since 1.1
     */
    Optional<GeoPoint> locationFor(UUID registration, String agencyCode);
}
