/**
 * An agency's public transparency page, assembled from the bundles that hold its figures: each
 * registers a {@link org.porchlight.api.transparency.TransparencySource}.
 */
@Version("1.0.0")
@Export
package org.porchlight.api.transparency;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
