package org.porchlight.audit.chain;

import java.time.Instant;

/**
 * A public key that signs checkpoints, as it is published.
 *
 * @param keyId     {@link CheckpointSignature#keyId} of the key
 * @param algorithm always {@value CheckpointSignature#ALGORITHM}
 * @param publicKey the X.509 SubjectPublicKeyInfo encoding, base64 (a PEM file's body)
 * @param created   when the key was first published
 */
public record CheckpointKey(String keyId, String algorithm, String publicKey, Instant created) {
}
