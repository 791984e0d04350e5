package org.porchlight.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * How a checkpoint is signed: Ed25519 over a canonical encoding written as {@link EntryHash}
 * writes an entry (4-byte big-endian length and UTF-8 bytes per field) of the fields, in order:
 * the format name {@value #FORMAT}, the key id, the sequence number in decimal, the entry's hash,
 * and the time as ISO-8601 in UTC to the microsecond. The key id is {@code ed25519-} and the first
 * 16 hex digits of the SHA-256 of the public key's X.509 encoding, so it names the key it belongs to.
 */
public final class CheckpointSignature {

    /** Names this encoding; a future one gets another name. */
    public static final String FORMAT = "porchlight-audit-checkpoint-v1";

    /** The JDK's name of the signature algorithm, also the key's {@code algorithm} as published. */
    public static final String ALGORITHM = "Ed25519";

    private CheckpointSignature() {
    }

    /** Signs entry {@code sequence} with hash {@code hash} at {@code at} with {@code key}, whose id is {@code keyId}. */
    public static Checkpoint sign(long sequence, String hash, Instant at, String keyId, PrivateKey key) {
        Instant micros = at.truncatedTo(ChronoUnit.MICROS);
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(signed(sequence, hash, micros, keyId));
            return new Checkpoint(sequence, hash, micros, keyId, Base64.getEncoder().encodeToString(signer.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a checkpoint with key " + keyId, e);
        }
    }

    /** Whether {@code checkpoint}'s signature is {@code key}'s over its fields; false for any malformed value. */
    public static boolean verifies(Checkpoint checkpoint, PublicKey key) {
        if (checkpoint.hash() == null || checkpoint.at() == null || checkpoint.keyId() == null
                || checkpoint.signature() == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signed(checkpoint.sequence(), checkpoint.hash(), checkpoint.at(), checkpoint.keyId()));
            return verifier.verify(Base64.getDecoder().decode(checkpoint.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** The id of {@code key}, derived from the key itself. */
    public static String keyId(PublicKey key) {
        return "ed25519-" + EntryHash.sha256(key.getEncoded()).substring(0, 16);
    }

    /** The published (base64 X.509) form of {@code key}. */
    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * The key published as {@code key}.
     *
     * @throws IllegalArgumentException if it is not an Ed25519 key, or its id is not the one derived from it
     */
    public static PublicKey publicKey(CheckpointKey key) {
        if (!ALGORITHM.equals(key.algorithm())) {
            throw new IllegalArgumentException("key " + key.keyId() + " is not an " + ALGORITHM + " key");
        }
        PublicKey decoded;
        try {
            decoded = KeyFactory.getInstance(ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(Base64.getMimeDecoder().decode(key.publicKey())));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("key " + key.keyId() + " is not a base64 X.509 " + ALGORITHM + " public key");
        }
        if (!keyId(decoded).equals(key.keyId())) {
            throw new IllegalArgumentException("key " + key.keyId() + " has the id " + keyId(decoded));
        }
        return decoded;
    }

    /** The bytes that are signed. */
    static byte[] signed(long sequence, String hash, Instant at, String keyId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(160);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            EntryHash.field(out, FORMAT);
            EntryHash.field(out, keyId);
            EntryHash.field(out, Long.toString(sequence));
            EntryHash.field(out, hash);
            EntryHash.field(out, at.truncatedTo(ChronoUnit.MICROS).toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a byte array
        }
        return bytes.toByteArray();
    }
}
