package org.porchlight.api.tenancy;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The agencies the platform knows. */
@ProviderType
public interface Agencies {

    /** The agency with this short code (case-insensitive). */
    Optional<AgencyProfile> find(String code);

    /** Every agency, by code. */
    List<AgencyProfile> all();
}
