package org.porchlight.audit.chain;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditVerification;

/**
 * Checks a log against its signed checkpoints, fed entry by entry in sequence order, then the
 * head: the chain itself ({@link ChainCheck}), each checkpoint's signature, each checkpoint's
 * hash against the entry it signed (a difference means entries up to it were rewritten after it
 * was signed), and that no checkpoint signed an entry past the end of the log (a truncated tail).
 * Reports the problem at the lowest sequence number. The same check runs in the server and in
 * {@code bin/porchlight verify-audit}.
 */
public final class LogCheck {

    private final ChainCheck chain = new ChainCheck();
    private final List<Checkpoint> checkpoints;
    private final List<Boolean> signed;
    private int next;
    private long lastMatched;
    private int matched;
    private Long problemAt;
    private String problem;

    /**
     * @param checkpoints the checkpoints, in any order
     * @param keys        the public keys that may have signed them, by key id
     */
    public LogCheck(Collection<Checkpoint> checkpoints, Map<String, PublicKey> keys) {
        this.checkpoints = new ArrayList<>(checkpoints);
        this.checkpoints.sort(Comparator.comparingLong(Checkpoint::sequence));
        this.signed = new ArrayList<>(checkpoints.size());
        for (Checkpoint checkpoint : this.checkpoints) {
            PublicKey key = keys.get(checkpoint.keyId());
            boolean good = false;
            if (checkpoint.sequence() < 1) {
                problem(1, "the checkpoint of " + checkpoint.at() + " names entry " + checkpoint.sequence()
                        + ": the chain starts at 1");
            } else if (key == null) {
                problem(checkpoint.sequence(), "the checkpoint of " + checkpoint.at() + " for entry " + checkpoint.sequence()
                        + " names key " + checkpoint.keyId() + ", which is not among the known keys");
            } else if (!CheckpointSignature.verifies(checkpoint, key)) {
                problem(checkpoint.sequence(), "the checkpoint of " + checkpoint.at() + " for entry " + checkpoint.sequence()
                        + " does not verify with key " + checkpoint.keyId() + ": forged or altered");
            } else {
                good = true;
            }
            signed.add(good);
        }
    }

    /** Checks the next entry; returns whether to go on (false once the chain is broken). */
    public boolean next(AuditEntry entry) {
        if (!chain.next(entry)) {
            return false;
        }
        while (next < checkpoints.size() && checkpoints.get(next).sequence() <= entry.sequence()) {
            Checkpoint checkpoint = checkpoints.get(next);
            if (checkpoint.sequence() == entry.sequence() && signed.get(next)) {
                if (checkpoint.hash().equals(entry.hash())) {
                    lastMatched = entry.sequence();
                    matched++;
                } else {
                    problem(lastMatched + 1, "entries " + (lastMatched + 1) + " to " + entry.sequence()
                            + " were rewritten after the checkpoint of " + checkpoint.at() + " signed entry "
                            + entry.sequence() + ": its hash differs");
                }
            }
            next++;
        }
        return true;
    }

    /** Whether the chain is broken, so that feeding more entries is useless. */
    public boolean broken() {
        return chain.broken();
    }

    /** The last entry found intact. */
    public long lastSequence() {
        return chain.lastSequence();
    }

    /** Checks the head against the last entry, and the checkpoints past the last entry. */
    public void end(long headSequence, String headHash) {
        chain.end(headSequence, headHash);
        if (chain.broken()) {
            return;
        }
        long last = chain.lastSequence();
        for (int i = checkpoints.size() - 1; i >= 0 && checkpoints.get(i).sequence() > last; i--) {
            if (signed.get(i)) {
                Checkpoint latest = checkpoints.get(i);
                problem(last + 1, "entries after sequence " + last + " are missing: the checkpoint of " + latest.at()
                        + " signed sequence " + latest.sequence());
                return;
            }
        }
    }

    /** How many checkpoints were found signed and matching their entry. */
    public int checkpointsMatched() {
        return matched;
    }

    /** The outcome; {@code entries} counts the entries found intact before the first problem. */
    public AuditVerification result() {
        AuditVerification chained = chain.result();
        if (problemAt == null || (!chained.intact() && chained.firstBroken() <= problemAt)) {
            return chained;
        }
        return new AuditVerification(false, Math.min(chained.entries(), problemAt - 1), problemAt, problem);
    }

    private void problem(long sequence, String why) {
        if (problemAt == null || sequence < problemAt) {
            problemAt = sequence;
            problem = why;
        }
    }
}
