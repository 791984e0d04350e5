/**
 * The camera registry as other bundles use it. Agencies never list cameras or owners: they get
 * counts, and the footage-request workflow gets the owners to ask through
 * {@link org.porchlight.api.registry.CameraRegistry#ownersIn}. External registries (city
 * programmes, vendors) feed it through {@link org.porchlight.api.registry.CameraRegistryProvider}.
 */
@Version("1.2.0")
@Export
package org.porchlight.api.registry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
