/**
 * Plugins per agency: which agencies a plugin's extension services act for. The platform keeps a
 * catalogue of the plugins its admin made available; each agency enables the ones it wants and
 * configures them for itself. Bundles that consult extension services ({@code RequestPolicy},
 * {@code IncentiveRule}, {@code TemplateCheck}, {@code CameraRegistryProvider}) ask
 * {@link org.porchlight.api.plugins.PluginScope} before consulting one for an agency, most simply
 * through {@link org.porchlight.api.plugins.ScopedServices}.
 */
@Version("1.0.0")
@Export
package org.porchlight.api.plugins;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
