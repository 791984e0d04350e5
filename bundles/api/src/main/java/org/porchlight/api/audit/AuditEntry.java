package org.porchlight.api.audit;

import java.time.Instant;

/**
 * One link of the chain. {@code hash} is the SHA-256 (hex) of the previous entry's hash and
 * this entry's fields; the first entry's previous hash is 64 zeros.
 *
 * @param actor {@code anonymous}, {@code account:<id>}, {@code resident:Neighbor ...},
 *        {@code api-key:<id>} or {@code system:<component>}
 */
public record AuditEntry(long sequence, Instant at, String actor, String tenant, String action, String target,
        String outcome, String requestId, String previousHash, String hash) {
}
