package org.porchlight.rest.health;

import java.util.Map;

/**
 * What {@code GET /api/health} answers.
 *
 * @param status {@code UP}; {@code DEGRADED} when a non-critical part failed but the server
 *               serves (200); {@code STARTING} while a critical part is still coming up (503);
 *               {@code DOWN} when it cannot serve (503)
 * @param reason for anything but {@code UP}, one line saying what is wrong
 * @param checks each check by name
 */
public record HealthReport(String status, String reason, Map<String, Check> checks) {

    public static final String UP = "UP";
    public static final String DEGRADED = "DEGRADED";
    public static final String STARTING = "STARTING";
    public static final String DOWN = "DOWN";

    /** The same report without the reason and the checks' details: status only, for anybody. */
    public HealthReport withoutDetails() {
        Map<String, Check> statuses = new java.util.LinkedHashMap<>();
        checks.forEach((name, check) -> statuses.put(name, new Check(check.status(), check.critical(), Map.of())));
        return new HealthReport(status, null, statuses);
    }

    public int httpStatus() {
        return UP.equals(status) || DEGRADED.equals(status) ? 200 : 503;
    }

    /**
     * @param status   {@code UP}, {@code STARTING} or {@code DOWN}
     * @param critical whether the server is down while this check is
     * @param details  facts for operators
     */
    public record Check(String status, boolean critical, Map<String, Object> details) {
    }
}
