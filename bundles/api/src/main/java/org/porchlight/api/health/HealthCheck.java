package org.porchlight.api.health;

import java.util.Map;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One thing whose health {@code GET /api/health} reports. Register an implementation as a
 * service. A critical check that is down makes the server {@code DOWN} (503) and one that is
 * still starting makes it {@code STARTING} (503); a non-critical check that is down makes it
 * {@code DEGRADED} (still 200: the rest of the server works).
 */
@ConsumerType
public interface HealthCheck {

    /** Short, stable name shown in the health report, e.g. {@code "database"}. */
    String name();

    /** Whether the server cannot serve without this. */
    default boolean critical() {
        return false;
    }

    /** Checks now. Must answer within about a second and must not throw. */
    Result check();

    enum Status {
        /** Working. */
        UP,
        /** Not ready yet, and expected to become {@code UP} without anybody's help. */
        STARTING,
        /** Not working; the details say why. */
        DOWN
    }

    /**
     * @param status  up or down
     * @param details facts for operators (never secrets or personal data)
     */
    record Result(Status status, Map<String, Object> details) {
        public Result {
            Objects.requireNonNull(status, "status");
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        public static Result up(Map<String, Object> details) {
            return new Result(Status.UP, details);
        }

        public static Result down(String reason) {
            return new Result(Status.DOWN, Map.of("reason", reason));
        }

        public static Result starting(String reason) {
            return new Result(Status.STARTING, Map.of("reason", reason));
        }
    }
}
