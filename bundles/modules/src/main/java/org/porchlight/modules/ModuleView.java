package org.porchlight.modules;

import java.time.Instant;
import java.util.List;

/**
 * A module as the admin API and the shell show it.
 *
 * @param id             the framework's bundle id (stays the same across updates)
 * @param symbolicName   the bundle's symbolic name
 * @param name           its human-readable name
 * @param version        the version running
 * @param state          INSTALLED, RESOLVED, STARTING, STOPPING, ACTIVE or UNINSTALLED
 * @param provenance     core, vendor, agency, unverified (development setting) or unmanaged
 * @param publisher      the trusted publisher who signed it (vendor or agency name), if any
 * @param sha256         the SHA-256 of the file it runs from, where the manager installed it
 * @param protectedModule whether the platform runs on it, so that the API will not stop, update or uninstall it
 * @param services       the service interfaces it registers
 * @param routes         the REST routes it serves, {@code METHOD /path} under {@code /api}
 * @param previousVersion the version a rollback would return to, if one is kept
 * @param problem        why it is not working, if it is not (unresolved, failed component)
 * @param changedAt      when the manager last changed it, if it did
 */
public record ModuleView(long id, String symbolicName, String name, String version, String state, String provenance,
        String publisher, String sha256, boolean protectedModule, List<String> services, List<String> routes,
        String previousVersion, String problem, Instant changedAt) {
}
