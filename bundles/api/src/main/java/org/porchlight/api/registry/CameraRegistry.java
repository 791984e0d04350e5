package org.porchlight.api.registry;

import java.util.List;

import org.porchlight.api.geo.Area;
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
}
