package org.porchlight.identity;

import java.time.Instant;
import java.util.Map;

import org.porchlight.api.geo.Area;

/** An agency, the tenant its staff and data belong to, as the API shows it. */
public record Agency(String code, String name, Area jurisdiction, String timeZone, String contactEmail,
        String contactPhone, Map<String, Object> policy, Instant createdAt) {
}
