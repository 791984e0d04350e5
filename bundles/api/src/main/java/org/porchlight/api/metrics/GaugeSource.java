package org.porchlight.api.metrics;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Figures that describe a state, such as the notifications waiting in the outbox or the database
 * pool's connections in use, read each time the metrics are scraped. Register an implementation
 * as a service; the metrics bundle reads every one it finds.
 *
 * <p>{@link #read()} must answer quickly (at most a cheap query) and must not throw; a source
 * that cannot read its figures now returns none of them.
 */
@ConsumerType
public interface GaugeSource {

    /** The figures now; the same names and tag keys at each call. */
    List<GaugeReading> read();
}
