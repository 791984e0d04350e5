package org.porchlight.api.tenancy;

import java.time.ZoneId;
import java.time.ZoneOffset;
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

    /**
     * The time zone of the agency with this code ({@link AgencyProfile#zone()}), in which its dates and
     * times are shown and read; UTC when the code is {@code null} or names no agency (one since removed).
     *
     * @since 1.2
     */
    default ZoneId zone(String code) {
        return code == null ? ZoneOffset.UTC : find(code).map(AgencyProfile::zone).orElse(ZoneOffset.UTC);
    }
}
