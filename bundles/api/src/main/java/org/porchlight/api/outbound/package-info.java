/**
 * Outbound connections: what the server may connect to when a setting that an agency or a plugin
 * controls names a place on the network (a feed URL, a webhook). The platform refuses loopback,
 * link-local (cloud metadata), private, shared, unspecified, multicast and broadcast addresses,
 * their IPv4-mapped and IPv4-compatible IPv6 forms and the server's own addresses, unless its admin
 * allows a range ({@code etc/org.porchlight.outbound.cfg}, {@code allowedRanges}).
 *
 * <p>Fetch or post through {@link org.porchlight.api.outbound.OutboundHttp}: it checks the address
 * it actually connects to, after name resolution, and again at every redirect, so that a name that
 * resolves differently the second time (DNS rebinding) or a redirect cannot reach inside. Code
 * that opens its own connections asks {@link org.porchlight.api.outbound.OutboundAddresses} about
 * each resolved address just before connecting to it.
 */
@Version("1.0.0")
@Export
package org.porchlight.api.outbound;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
