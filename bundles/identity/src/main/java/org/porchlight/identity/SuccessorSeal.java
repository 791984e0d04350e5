package org.porchlight.identity;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A rotated refresh token's successor, sealed (AES-256-GCM) under a key only the rotated token
 * gives: whoever presents that token again within the reuse window can be handed the same
 * successor, and the database, which keeps tokens by their hash only, cannot open it.
 */
final class SuccessorSeal {

    private static final byte[] LABEL = "porchlight refresh-token successor v1".getBytes(StandardCharsets.US_ASCII);
    private static final int NONCE = 12;
    private static final int TAG_BITS = 128;

    private SuccessorSeal() {
    }

    static byte[] seal(String token, String successor) {
        try {
            byte[] nonce = Hashes.randomBytes(NONCE);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, token, nonce);
            byte[] sealed = cipher.doFinal(successor.getBytes(StandardCharsets.US_ASCII));
            return ByteBuffer.allocate(NONCE + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES-GCM and HMAC-SHA256", e);
        }
    }

    /** The successor; empty if {@code sealed} was not sealed with {@code token} or was changed. */
    static Optional<String> open(String token, byte[] sealed) {
        if (sealed == null || sealed.length <= NONCE + TAG_BITS / 8) {
            return Optional.empty();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, token, Arrays.copyOf(sealed, NONCE));
            return Optional.of(new String(cipher.doFinal(sealed, NONCE, sealed.length - NONCE), StandardCharsets.US_ASCII));
        } catch (AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has AES-GCM and HMAC-SHA256", e);
        }
    }

    /** The key is HMAC-SHA256 of a fixed label under the token: the token is 256 random bits. */
    private static Cipher cipher(int mode, String token, byte[] nonce) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(mac.doFinal(LABEL), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
        return cipher;
    }
}
