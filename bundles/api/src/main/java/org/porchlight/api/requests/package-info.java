/**
 * Footage requests as other bundles extend them: {@link org.porchlight.api.requests.RequestPolicy}
 * adds an agency's own limits to the default policy, which every request must pass.
 */
@Version("1.1.0")
@Export
package org.porchlight.api.requests;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
