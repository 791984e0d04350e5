package org.porchlight.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditVerification;

class ChainCheckTest {

    private static List<AuditEntry> chain(int length) {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = EntryHash.GENESIS;
        for (long sequence = 1; sequence <= length; sequence++) {
            AuditEntry draft = new AuditEntry(sequence, Instant.EPOCH.plusSeconds(sequence), "system:test", null, "tick",
                    "", "ok", null, previous, null);
            previous = EntryHash.of(draft);
            entries.add(new AuditEntry(sequence, draft.at(), "system:test", null, "tick", "", "ok", null, draft.previousHash(), previous));
        }
        return entries;
    }

    private static AuditVerification check(List<AuditEntry> entries, long headSequence, String headHash) {
        ChainCheck check = new ChainCheck();
        for (AuditEntry entry : entries) {
            if (!check.next(entry)) {
                break;
            }
        }
        check.end(headSequence, headHash);
        return check.result();
    }

    private static AuditVerification check(List<AuditEntry> entries) {
        AuditEntry last = entries.get(entries.size() - 1);
        return check(entries, last.sequence(), last.hash());
    }

    @Test
    void anEmptyChainIsIntact() {
        assertThat(check(List.of(), 0, EntryHash.GENESIS)).isEqualTo(new AuditVerification(true, 0, null, null));
    }

    @Test
    void anUnbrokenChainIsIntact() {
        assertThat(check(chain(5))).isEqualTo(new AuditVerification(true, 5, null, null));
    }

    @Test
    void anEditedEntryIsNamed() {
        List<AuditEntry> entries = chain(5);
        AuditEntry e = entries.get(2);
        entries.set(2, new AuditEntry(3, e.at(), e.actor(), e.tenant(), e.action(), e.target(), "denied", e.requestId(),
                e.previousHash(), e.hash()));
        assertThat(check(entries)).isEqualTo(new AuditVerification(false, 2, 3L, "hash does not match its fields"));
    }

    @Test
    void anEntryRehashedAfterAnEditBreaksTheNextLink() {
        List<AuditEntry> entries = chain(5);
        AuditEntry e = entries.get(2);
        AuditEntry edited = new AuditEntry(3, e.at(), e.actor(), e.tenant(), e.action(), e.target(), "denied",
                e.requestId(), e.previousHash(), null);
        entries.set(2, new AuditEntry(3, e.at(), e.actor(), e.tenant(), e.action(), e.target(), "denied", e.requestId(),
                e.previousHash(), EntryHash.of(edited)));
        assertThat(check(entries)).isEqualTo(new AuditVerification(false, 3, 4L, "previous hash does not match entry 3"));
    }

    @Test
    void aGapIsNamed() {
        List<AuditEntry> entries = chain(5);
        entries.remove(2);
        assertThat(check(entries)).isEqualTo(new AuditVerification(false, 2, 3L, "entry 3 is missing"));
    }

    @Test
    void theChainStartsAtOne() {
        List<AuditEntry> entries = chain(3);
        entries.remove(0);
        assertThat(check(entries)).isEqualTo(new AuditVerification(false, 0, 1L, "entry 1 is missing"));

        AuditEntry zero = new AuditEntry(0, Instant.EPOCH, "system:test", null, "tick", "", "ok", null, EntryHash.GENESIS, "0".repeat(64));
        assertThat(check(List.of(zero), 0, EntryHash.GENESIS).firstBroken()).isZero();
    }

    @Test
    void theFirstEntryFollowsSixtyFourZeros() {
        AuditEntry draft = new AuditEntry(1, Instant.EPOCH, "system:test", null, "tick", "", "ok", null, "f".repeat(64), null);
        AuditEntry first = new AuditEntry(1, Instant.EPOCH, "system:test", null, "tick", "", "ok", null, "f".repeat(64), EntryHash.of(draft));
        assertThat(check(List.of(first)).reason()).isEqualTo("previous hash of the first entry is not 64 zeros");
    }

    @Test
    void aDeletedLastEntryIsNamedByTheHead() {
        List<AuditEntry> entries = chain(5);
        AuditEntry last = entries.remove(4);
        assertThat(check(entries, last.sequence(), last.hash())).isEqualTo(new AuditVerification(false, 4, 5L, "entry 5 is missing"));
    }

    @Test
    void entriesPastTheHeadAreNamed() {
        List<AuditEntry> entries = chain(5);
        AuditEntry third = entries.get(2);
        assertThat(check(entries, 3, third.hash()))
                .isEqualTo(new AuditVerification(false, 5, 4L, "entry 4 is past the chain head (entry 3)"));
    }

    @Test
    void aHeadThatDoesNotMatchTheLastEntryIsNamed() {
        assertThat(check(chain(5), 5, "e".repeat(64)))
                .isEqualTo(new AuditVerification(false, 5, 5L, "the chain head does not match entry 5"));
    }
}
