package org.porchlight.audit;

import java.util.Objects;

import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditVerification;

/**
 * Checks a chain fed to it entry by entry in sequence order, then against the head: sequences
 * start at 1 without gaps, each hash matches its entry's fields, each previous hash is the hash
 * of the entry before, and the head names the last entry. Stops at the first break.
 */
final class ChainCheck {

    private long lastSequence;
    private String lastHash = EntryHash.GENESIS;
    private long intact;
    private Long firstBroken;
    private String reason;

    /** Checks the next entry; returns whether to go on (false once the chain is broken). */
    boolean next(AuditEntry entry) {
        if (broken()) {
            return false;
        }
        long expected = lastSequence + 1;
        if (entry.sequence() > expected) {
            return fail(expected, "entry " + expected + " is missing");
        }
        if (entry.sequence() < expected) {
            return fail(entry.sequence(), "entry " + entry.sequence() + " is out of sequence: the chain starts at 1");
        }
        if (!EntryHash.of(entry).equals(entry.hash())) {
            return fail(entry.sequence(), "hash does not match its fields");
        }
        if (!lastHash.equals(entry.previousHash())) {
            return fail(entry.sequence(), lastSequence == 0
                    ? "previous hash of the first entry is not 64 zeros"
                    : "previous hash does not match entry " + lastSequence);
        }
        lastSequence = entry.sequence();
        lastHash = entry.hash();
        intact++;
        return true;
    }

    /**
     * Checks the head against the last entry seen. The head is committed together with its
     * entry, so a head read after the entries never lags behind them.
     */
    void end(long headSequence, String headHash) {
        if (broken()) {
            return;
        }
        if (headSequence > lastSequence) {
            fail(lastSequence + 1, "entry " + (lastSequence + 1) + " is missing");
        } else if (headSequence < lastSequence) {
            fail(headSequence + 1, "entry " + (headSequence + 1) + " is past the chain head (entry " + headSequence + ")");
        } else if (!Objects.equals(lastHash, headHash)) {
            fail(lastSequence, "the chain head does not match entry " + lastSequence);
        }
    }

    boolean broken() {
        return firstBroken != null;
    }

    long lastSequence() {
        return lastSequence;
    }

    /** The outcome; {@code entries} counts the entries found intact before the first break. */
    AuditVerification result() {
        return new AuditVerification(!broken(), intact, firstBroken, reason);
    }

    private boolean fail(long sequence, String why) {
        firstBroken = sequence;
        reason = why;
        return false;
    }
}
