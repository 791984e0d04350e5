package org.porchlight.audit.chain;

import java.time.Instant;

/**
 * A signed statement that the audit chain's entry {@code sequence} had the hash {@code hash} at
 * time {@code at}: since each hash covers every entry before it, a checkpoint pins the whole
 * chain up to that entry. {@link CheckpointSignature} says what is signed.
 *
 * @param sequence  the sequence number of the entry signed, at least 1
 * @param hash      that entry's hash, 64 lower-case hex digits
 * @param at        when it was signed, to the microsecond
 * @param keyId     the id of the key that signed it ({@link CheckpointSignature#keyId})
 * @param signature the Ed25519 signature, base64
 */
public record Checkpoint(long sequence, String hash, Instant at, String keyId, String signature) {
}
