package org.porchlight.api.audit;

/**
 * The result of recomputing the chain.
 *
 * @param intact whether every entry matches
 * @param entries how many entries were found intact before the first broken one (all of them if intact)
 * @param firstBroken the sequence number of the first entry that does not match, or {@code null}
 * @param reason why it does not match, or {@code null}
 */
public record AuditVerification(boolean intact, long entries, Long firstBroken, String reason) {
}
