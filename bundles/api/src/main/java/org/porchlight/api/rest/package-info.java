/**
 * How a bundle contributes REST resources to {@code /api}: register a component with
 * {@code @JakartarsResource} and select the core's extensions so that the resource is only
 * served while they are present:
 *
 * <pre>{@code
 * @Component(service = CameraResource.class)
 * @JakartarsResource
 * @JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
 * @Path("registry/cameras")
 * public class CameraResource { ... }
 * }</pre>
 */
@Version("1.5.0")
@Export
package org.porchlight.api.rest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
