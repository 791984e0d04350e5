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

    /**
     * What an agency may be told of how many owners a footage request over {@code area} reaches:
     * the distinct owners who agreed to be contacted and have such cameras in the whole coarse
     * cells the area covers or touches, suppressed below the registry's minimum. Owners are
     * still asked by the exact area ({@link #ownersIn}); this figure is what may be shown to the
     * agency instead of how many were asked, which would locate cameras as finely as the area's
     * edges.
     *
     * @since 1.2
     */
    CoarseCount coarseOwners(Area area, String agencyCode);
}
