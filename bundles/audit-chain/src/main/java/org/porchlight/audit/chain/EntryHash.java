package org.porchlight.audit.chain;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.porchlight.api.audit.AuditEntry;

/**
 * The hash of an audit entry: SHA-256, as 64 lower-case hex digits, of a canonical encoding of
 * the previous entry's hash and the entry's own fields.
 *
 * <p>The encoding is a sequence of fields, each a 4-byte big-endian length followed by that many
 * bytes of UTF-8, or the length -1 and no bytes for a missing (null) value. The fields, in order:
 * the format name {@value #FORMAT}, the previous hash, the sequence number in decimal, the time as
 * ISO-8601 in UTC to the microsecond ({@link java.time.Instant#toString()} of the truncated
 * instant, e.g. {@code 2026-11-29T06:04:12.123456Z}), actor, tenant, action, target, outcome and
 * request id. The lengths keep field boundaries unambiguous: ("ab", "c") and ("a", "bc") differ.
 * Anyone holding the entries can recompute the chain with this description alone.
 */
public final class EntryHash {

    /** Names this encoding; a future encoding gets another name, so old entries still verify. */
    public static final String FORMAT = "porchlight-audit-v1";

    /** The previous hash of the first entry, and the head of an empty chain. */
    public static final String GENESIS = "0".repeat(64);

    private EntryHash() {
    }

    /** The hash of {@code entry} from its previous hash and fields; its own {@code hash} is ignored. */
    public static String of(AuditEntry entry) {
        return sha256(canonical(entry));
    }

    /** SHA-256 of {@code bytes} as 64 lower-case hex digits. */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The bytes that are hashed. */
    static byte[] canonical(AuditEntry entry) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            field(out, FORMAT);
            field(out, entry.previousHash());
            field(out, Long.toString(entry.sequence()));
            field(out, entry.at() == null ? null : entry.at().truncatedTo(ChronoUnit.MICROS).toString());
            field(out, entry.actor());
            field(out, entry.tenant());
            field(out, entry.action());
            field(out, entry.target());
            field(out, entry.outcome());
            field(out, entry.requestId());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // not from a byte array
        }
        return bytes.toByteArray();
    }

    /** Writes one field of a canonical encoding: its UTF-8 length and bytes, or -1 for null. */
    static void field(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }
}
