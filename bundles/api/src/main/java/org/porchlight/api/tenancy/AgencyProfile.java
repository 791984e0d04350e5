package org.porchlight.api.tenancy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.porchlight.api.geo.Area;

/**
 * What other bundles need to know about an agency.
 *
 * @param code the short code, upper case, e.g. {@code KCPD}
 * @param jurisdiction where the agency may act
 * @param policy the agency's policy settings, a JSON object as configured by its admins
 */
public record AgencyProfile(String code, String name, Area jurisdiction, ZoneId timeZone, Map<String, Object> policy) {

    public AgencyProfile {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(jurisdiction, "jurisdiction");
        policy = policy == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(policy));
    }

    /** The agency's time zone, UTC when it has none: where its dates and times are shown and read. @since 1.1 */
    public ZoneId zone() {
        return timeZone == null ? ZoneOffset.UTC : timeZone;
    }
}
