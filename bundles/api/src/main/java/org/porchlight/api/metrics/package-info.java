/**
 * The server's metrics, as a bundle reports them without depending on a metrics library.
 *
 * <p>A bundle counts events and times work through {@link org.porchlight.api.metrics.Metrics}, taken
 * as an optional, dynamic reference, so that the metrics bundle may be missing or swapped while
 * requests run:
 *
 * <pre>{@code
 * @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
 * private volatile Metrics metrics;
 * ...
 * Metrics m = metrics;
 * if (m != null) {
 *     m.count("porchlight.audit.appends", "Entries appended to the audit chain", batch.size());
 * }
 * }</pre>
 *
 * <p>Figures that are states rather than events (a queue's length, a pool's connections) are
 * {@link org.porchlight.api.metrics.GaugeSource} services, read when the metrics are scraped.
 *
 * <p>Names are lower-case words joined by dots ({@code porchlight.outbox.backlog}); the
 * Prometheus endpoint writes them with underscores and a unit suffix. Tags must have few values
 * (a route template, a status, a channel's name): never an id, an address, a code or anything
 * else a person could be found by.
 */
@Version("1.0.0")
@Export
package org.porchlight.api.metrics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
