/**
 * Agencies, the tenants, as other bundles see them: read-only, through {@link
 * org.porchlight.api.tenancy.Agencies}, so that no bundle reads the identity bundle's tables.
 */
@Version("1.1.0")
@Export
package org.porchlight.api.tenancy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
