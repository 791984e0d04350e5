/**
 * Geometry on the WGS-84 globe as plain records: a {@link org.porchlight.api.geo.GeoPoint}
 * and the {@link org.porchlight.api.geo.Area} shapes (circle, polygon) that jurisdictions,
 * footage requests and density queries are expressed in.
 */
@Version("1.2.0")
@Export
package org.porchlight.api.geo;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
