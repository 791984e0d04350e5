package org.porchlight.audit.chain;

import java.util.Objects;

import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditVerification;

/**
 * Checks a chain fed to it entry by entry in sequence order, then against the head: sequences
 * start at 1 without gaps, each hash matches its entry's fields, each previous hash is the hash
 * of the entry before, and the head names the last entry. Stops at the first break.
 */
public final class ChainCheck {

    private long lastSequence;
    private String lastHash;
    private long intact;
    private Long firstBroken;
    private String reason;

    /** A check of a whole chain, from entry 1. */
    public ChainCheck() {
        this(0, EntryHash.GENESIS);
    }

    /**
     * A check of the entries after {@code sequence}, whose hash {@code hash} is taken as known
     * good (e.g. signed by a checkpoint).
     */
    public ChainCheck(long sequence, String hash) {
        this.lastSequence = sequence;
        this.lastHash = hash;
    }

    /** Checks the next entry; returns whether to go on (false once the chain is broken). */
    public boolean next(AuditEntry entry) {
        if (broken()) {
            return false;
        }
        long expected = lastSequence + 1;
        if (entry.sequence() > expected) {
            return fail(expected, "entry " + expected + " is missing");
        }
        if (entry.sequence() < expected) {
            return fail(entry.sequence(), "entry " + entry.sequence() + " is out of sequence: expected entry " + expected);
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
    public void end(long headSequence, String headHash) {
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

    public boolean broken() {
        return firstBroken != null;
    }

    public long lastSequence() {
        return lastSequence;
    }

    /** The outcome; {@code entries} counts the entries found intact before the first break. */
    public AuditVerification result() {
        return new AuditVerification(!broken(), intact, firstBroken, reason);
    }

    private boolean fail(long sequence, String why) {
        firstBroken = sequence;
        reason = why;
        return false;
    }
}
