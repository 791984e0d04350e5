package org.porchlight.api.evidence;

import java.time.Instant;

/**
 * A file its sender shared with the agency, as its chain of custody records the share.
 *
 * @param item            the file as received (its SHA-256 and size)
 * @param sharedAt        when it was shared: the time of its {@code SHARED} custody event
 * @param sharedBy        the actor of that event, as the agency sees the sender (a pseudonym)
 * @param custodySequence the sequence of that event in the item's chain
 * @param custodyHash     the hash of that event, to check against the agency's custody record
 * @since 1.1
 */
public record SharedEvidence(EvidenceItem item, Instant sharedAt, String sharedBy, int custodySequence, String custodyHash) {
}
