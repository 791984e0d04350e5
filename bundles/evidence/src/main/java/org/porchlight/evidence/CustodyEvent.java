package org.porchlight.evidence;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * One link of an item's chain of custody. {@code hash} is the SHA-256 (hex) of a canonical
 * encoding of the previous event's hash and this event's fields, as the audit log's entries are
 * hashed: each field a 4-byte big-endian length and its UTF-8 bytes (-1 for a missing value), in
 * the order {@value #FORMAT}, previous hash, item id, sequence (decimal), time (ISO-8601 UTC to
 * the microsecond), kind, actor, detail, request id. The first event's previous hash is 64 zeros.
 *
 * @param sequence   1 for the first event of the item
 * @param at         when it happened
 * @param kind       what happened
 * @param actor      who: {@code account:<id>} for staff, {@code system:<component>}, or the
 *                   submitter as the agency sees them
 * @param detail     facts about it (hashes, sizes, why an integrity check failed); never personal data
 * @param requestId  the correlation id of the HTTP request, or null
 */
public record CustodyEvent(int sequence, Instant at, Kind kind, String actor, String detail, String requestId,
        String previousHash, String hash) {

    /** What can happen to an item. */
    public enum Kind {
        /**
         * Stored: the detail has its SHA-256, size and type. A file its sender must still confirm
         * is prepared: the agency sees nothing of it until {@code SHARED}.
         */
        RECEIVED,
        /** Its sender confirmed sharing it with the agency (actor: the sender as the agency sees them; detail: SHA-256, size). */
        SHARED,
        /** Its content is being handed to someone (a download), recorded before the first byte leaves. */
        ACCESSED,
        /** Exported with its custody record, e.g. for court. */
        EXPORTED,
        /**
         * A download or export broke off before all of it was sent (the connection closed, e.g. the
         * client cancelled); the detail says after how many bytes. It follows the ACCESSED or
         * EXPORTED event of the same hand-out (same request id).
         */
        BROKEN_OFF,
        /** Its content was found not to be what was stored; it was not served. */
        INTEGRITY_FAILURE,
        /** Deleted at the end of its retention: key and content gone, this record kept. */
        PURGED
    }

    public static final String FORMAT = "porchlight-custody-v1";
    public static final String GENESIS = "0".repeat(64);

    /** The hash of an event with these fields. */
    public static String hash(UUID item, String previousHash, int sequence, Instant at, Kind kind, String actor, String detail,
            String requestId) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            for (String field : new String[] {FORMAT, previousHash, item.toString(), Integer.toString(sequence),
                    at.truncatedTo(ChronoUnit.MICROS).toString(), kind.name(), actor, detail, requestId}) {
                if (field == null) {
                    out.writeInt(-1);
                } else {
                    byte[] utf8 = field.getBytes(StandardCharsets.UTF_8);
                    out.writeInt(utf8.length);
                    out.write(utf8);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code events} form an unbroken chain for {@code item}, from the first event on. */
    static boolean intact(UUID item, List<CustodyEvent> events) {
        String previous = GENESIS;
        int sequence = 1;
        for (CustodyEvent e : events) {
            if (e.sequence() != sequence++ || !e.previousHash().equals(previous)
                    || !e.hash().equals(hash(item, previous, e.sequence(), e.at(), e.kind(), e.actor(), e.detail(),
                            e.requestId()))) {
                return false;
            }
            previous = e.hash();
        }
        return true;
    }
}
