/**
 * Health checks: any bundle may register a {@link org.porchlight.api.health.HealthCheck};
 * {@code GET /api/health} reports them all.
 */
@Version("1.0.0")
@Export
package org.porchlight.api.health;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
