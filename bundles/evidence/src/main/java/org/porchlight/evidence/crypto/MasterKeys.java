package org.porchlight.evidence.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The master keys that wrap file keys: the first wraps new ones, every one unwraps. A key is
 * known by an id derived from it (HMAC-SHA256 of a fixed label, 8 bytes in hex), stored with
 * each wrapped key, so that a new master key can be put first and the old ones kept until no
 * file key they wrapped is left.
 *
 * <p>Wrapping is AES-256-GCM with a random nonce; the additional data binds the wrapped key to
 * its item and master key, so a wrapped key copied to another item does not open.
 */
public final class MasterKeys {

    /** A file key as stored: which master key wrapped it, and the wrapped bytes. */
    public record WrappedKey(String keyId, byte[] bytes) {
    }

    /** No master key with this id is configured on this node. */
    public static final class UnknownKeyException extends Exception {
        private static final long serialVersionUID = 1L;

        UnknownKeyException(String keyId) {
            super("the master key " + keyId + " is not configured");
        }
    }

    private static final byte FORMAT = 1;
    private static final int NONCE_BYTES = 12;
    private static final byte[] ID_LABEL = "porchlight evidence master key id".getBytes(StandardCharsets.US_ASCII);

    private final Map<String, SecretKeySpec> keys; // in order: the first is current
    private final String current;
    private final SecureRandom random;

    private MasterKeys(List<byte[]> keyBytes, SecureRandom random) {
        if (keyBytes.isEmpty()) {
            throw new IllegalArgumentException("no master key");
        }
        Map<String, SecretKeySpec> byId = new LinkedHashMap<>();
        for (int i = 0; i < keyBytes.size(); i++) {
            byte[] key = keyBytes.get(i);
            if (key.length != SegmentedGcm.KEY_BYTES) {
                throw new IllegalArgumentException("master key " + (i + 1) + " is " + key.length + " bytes, not 32");
            }
            if (byId.put(idOf(key), new SecretKeySpec(key, "AES")) != null) {
                throw new IllegalArgumentException("master key " + (i + 1) + " is listed twice");
            }
        }
        this.keys = byId;
        this.current = byId.keySet().iterator().next();
        this.random = random;
    }

    public static MasterKeys of(List<byte[]> keys, SecureRandom random) {
        return new MasterKeys(keys, random);
    }

    /**
     * Keys written as text: base64 (standard or URL-safe) of 32 bytes each, separated by commas,
     * spaces or line breaks; lines starting with {@code #} are comments. The first key is current.
     *
     * @param source names where the text came from, for error messages (never the text itself)
     */
    public static MasterKeys parse(String text, String source, SecureRandom random) {
        List<byte[]> keys = new ArrayList<>();
        int entry = 0;
        for (String line : text.split("\\R")) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            for (String token : line.split("[,\\s]+")) {
                if (token.isEmpty()) {
                    continue;
                }
                entry++;
                try {
                    keys.add(token.contains("-") || token.contains("_") ? Base64.getUrlDecoder().decode(token)
                            : Base64.getDecoder().decode(token));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("key " + entry + " in " + source + " is not base64");
                }
            }
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no key");
        }
        try {
            return new MasterKeys(keys, random);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (in " + source + ")");
        }
    }

    /** A new key as a line of a key file. */
    public static String newKeyText(SecureRandom random) {
        return Base64.getEncoder().encodeToString(SegmentedGcm.newKey(random));
    }

    /** The id of a master key: safe to log and store, says nothing useful about the key. */
    public static String idOf(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(Arrays.copyOf(mac.doFinal(ID_LABEL), 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The id of the key that wraps new file keys. */
    public String currentId() {
        return current;
    }

    /** Every configured key's id, the current one first. */
    public Set<String> ids() {
        return java.util.Collections.unmodifiableSet(keys.keySet());
    }

    public WrappedKey wrap(byte[] fileKey, UUID item) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(current), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(additionalData(item, current));
            byte[] sealed = cipher.doFinal(fileKey);
            return new WrappedKey(current, ByteBuffer.allocate(1 + NONCE_BYTES + sealed.length).put(FORMAT).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("wrapping a file key failed", e);
        }
    }

    /**
     * The file key of {@code item}.
     *
     * @throws UnknownKeyException if the master key that wrapped it is not configured here
     * @throws IntegrityException if the wrapped key was changed or belongs to another item
     */
    public byte[] unwrap(WrappedKey wrapped, UUID item) throws UnknownKeyException, IntegrityException {
        SecretKeySpec key = keys.get(wrapped.keyId());
        if (key == null) {
            throw new UnknownKeyException(wrapped.keyId());
        }
        byte[] bytes = wrapped.bytes();
        if (bytes.length != 1 + NONCE_BYTES + SegmentedGcm.KEY_BYTES + 16 || bytes[0] != FORMAT) {
            throw new IntegrityException("the wrapped file key has the wrong format");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, bytes, 1, NONCE_BYTES));
            cipher.updateAAD(additionalData(item, wrapped.keyId()));
            return cipher.doFinal(bytes, 1 + NONCE_BYTES, bytes.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new IntegrityException("the wrapped file key does not open", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("unwrapping a file key failed", e);
        }
    }

    private static byte[] additionalData(UUID item, String keyId) {
        return ("porchlight-evidence-file-key:" + item + ":" + keyId).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return "MasterKeys" + keys.keySet(); // ids only
    }
}
