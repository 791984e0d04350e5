package org.porchlight.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditVerification;

class LogCheckTest {

    private static final Instant SIGNED = Instant.parse("2026-12-06T07:00:00.123456Z");
    private final KeyPair pair = generate();
    private final String keyId = CheckpointSignature.keyId(pair.getPublic());
    private final Map<String, PublicKey> keys = Map.of(keyId, pair.getPublic());

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A chain whose entries from {@code from} on have the outcome {@code outcome}. */
    private static List<AuditEntry> chain(int length, int from, String outcome) {
        List<AuditEntry> entries = new ArrayList<>();
        String previous = EntryHash.GENESIS;
        for (long sequence = 1; sequence <= length; sequence++) {
            AuditEntry draft = new AuditEntry(sequence, Instant.EPOCH.plusSeconds(sequence), "system:test", null, "tick",
                    "", sequence >= from ? outcome : "ok", null, previous, null);
            previous = EntryHash.of(draft);
            entries.add(new AuditEntry(sequence, draft.at(), draft.actor(), null, "tick", "", draft.outcome(), null,
                    draft.previousHash(), previous));
        }
        return entries;
    }

    private static List<AuditEntry> chain(int length) {
        return chain(length, Integer.MAX_VALUE, "ok");
    }

    private Checkpoint checkpoint(AuditEntry entry) {
        return CheckpointSignature.sign(entry.sequence(), entry.hash(), SIGNED, keyId, pair.getPrivate());
    }

    private AuditVerification check(List<AuditEntry> entries, List<Checkpoint> checkpoints) {
        LogCheck check = new LogCheck(checkpoints, keys);
        for (AuditEntry entry : entries) {
            if (!check.next(entry)) {
                break;
            }
        }
        AuditEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
        check.end(last == null ? 0 : last.sequence(), last == null ? EntryHash.GENESIS : last.hash());
        return check.result();
    }

    @Test
    void aLogThatMatchesEveryCheckpointIsIntact() {
        List<AuditEntry> entries = chain(10);
        AuditVerification result = check(entries, List.of(checkpoint(entries.get(3)), checkpoint(entries.get(9))));
        assertThat(result).isEqualTo(new AuditVerification(true, 10, null, null));
    }

    @Test
    void deletingTheTailAndMovingTheHeadIsReportedAgainstTheCheckpoint() {
        List<AuditEntry> entries = chain(10);
        List<Checkpoint> checkpoints = List.of(checkpoint(entries.get(3)), checkpoint(entries.get(8)));
        for (int kept : new int[] {8, 5, 1, 0}) {
            AuditVerification result = check(entries.subList(0, kept), checkpoints);
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBroken()).isEqualTo(kept + 1L);
            assertThat(result.reason()).isEqualTo("entries after sequence " + kept + " are missing: the checkpoint of "
                    + SIGNED + " signed sequence 9");
        }
    }

    @Test
    void rewritingEntriesBeforeACheckpointIsReportedEvenWhenTheChainIsRecomputed() {
        List<AuditEntry> original = chain(10);
        List<Checkpoint> checkpoints = List.of(checkpoint(original.get(2)), checkpoint(original.get(6)));
        // Entry 5 edited and every later hash recomputed: the chain links again, but entry 7's hash differs.
        List<AuditEntry> rewritten = chain(10, 5, "denied");
        AuditVerification result = check(rewritten, checkpoints);
        assertThat(result).isEqualTo(new AuditVerification(false, 3, 4L,
                "entries 4 to 7 were rewritten after the checkpoint of " + SIGNED + " signed entry 7: its hash differs"));

        // Past the last checkpoint a rewrite cannot be seen: that is what the next checkpoint is for.
        assertThat(check(chain(10, 8, "denied"), checkpoints).intact()).isTrue();
    }

    @Test
    void aForgedOrAlteredCheckpointIsReported() {
        List<AuditEntry> entries = chain(6);
        Checkpoint good = checkpoint(entries.get(4));
        KeyPair other = generate();
        List<Checkpoint> forgeries = List.of(
                CheckpointSignature.sign(5, entries.get(4).hash(), SIGNED, keyId, other.getPrivate()),
                new Checkpoint(5, entries.get(3).hash(), good.at(), keyId, good.signature()),
                new Checkpoint(5, good.hash(), good.at().plusSeconds(1), keyId, good.signature()),
                new Checkpoint(5, good.hash(), good.at(), keyId, Base64.getEncoder().encodeToString(new byte[64])),
                new Checkpoint(5, good.hash(), good.at(), keyId, "not base64!"));
        for (Checkpoint forged : forgeries) {
            AuditVerification result = check(entries, List.of(forged));
            assertThat(result.intact()).isFalse();
            assertThat(result.firstBroken()).isEqualTo(5L);
            assertThat(result.reason()).endsWith("does not verify with key " + keyId + ": forged or altered");
        }
    }

    @Test
    void aCheckpointByAnUnknownKeyIsReported() {
        List<AuditEntry> entries = chain(3);
        KeyPair other = generate();
        String otherId = CheckpointSignature.keyId(other.getPublic());
        Checkpoint foreign = CheckpointSignature.sign(2, entries.get(1).hash(), SIGNED, otherId, other.getPrivate());
        assertThat(check(entries, List.of(foreign)).reason()).contains("names key " + otherId + ", which is not among");
    }

    @Test
    void aBrokenChainIsReportedBeforeALaterCheckpointProblem() {
        List<AuditEntry> entries = chain(10);
        List<Checkpoint> checkpoints = List.of(checkpoint(entries.get(9)));
        List<AuditEntry> gap = new ArrayList<>(entries.subList(0, 9));
        gap.remove(3);
        assertThat(check(gap, checkpoints)).isEqualTo(new AuditVerification(false, 3, 4L, "entry 4 is missing"));
    }

    @Test
    void aPublishedKeyMustCarryTheIdDerivedFromIt() {
        String encoded = CheckpointSignature.encode(pair.getPublic());
        assertThat(CheckpointSignature.publicKey(new CheckpointKey(keyId, "Ed25519", encoded, SIGNED)))
                .isEqualTo(pair.getPublic());
        assertThatThrownBy(() -> CheckpointSignature.publicKey(new CheckpointKey("ed25519-0000000000000000", "Ed25519",
                encoded, SIGNED))).hasMessageContaining("has the id " + keyId);
        assertThatThrownBy(() -> CheckpointSignature.publicKey(new CheckpointKey(keyId, "RSA", encoded, SIGNED)))
                .hasMessageContaining("not an Ed25519 key");
        assertThatThrownBy(() -> CheckpointSignature.publicKey(new CheckpointKey(keyId, "Ed25519", "AAAA", SIGNED)))
                .hasMessageContaining("not a base64 X.509");
    }
}
