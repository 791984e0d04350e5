/**
 * Agencies, the tenants, as other bundles see them: read-only, through {@link
 * org.porchlight.api.tenancy.Agencies}, so that no bundle reads the identity bundle's tables.
 *
 * <p>Since 1.2: {@link org.porchlight.api.tenancy.Agencies#zone}, an agency's time zone by its code.
 */
@Version("1.2.0")
@Export
package org.porchlight.api.tenancy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
