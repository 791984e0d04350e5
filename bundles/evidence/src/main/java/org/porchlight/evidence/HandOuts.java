package org.porchlight.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.porchlight.evidence.CustodyEvent.Kind;
import org.porchlight.evidence.crypto.IntegrityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How an item's content leaves the evidence room, for the REST API and the portal alike: checked
 * first, recorded in its chain of custody before the first byte leaves, streamed re-verified, and
 * a hand-out that breaks off recorded as such.
 */
public final class HandOuts {

    private static final Logger LOG = LoggerFactory.getLogger(HandOuts.class);

    private final EvidenceRoom room;

    public HandOuts(EvidenceRoom room) {
        this.room = room;
    }

    /** What is written on a hand-out's stream. */
    @FunctionalInterface
    public interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Checks the item and records {@code ACCESSED} by {@code actor}; the returned body then streams the
     * content re-verified, recording {@code BROKEN_OFF} if the connection fails part-way.
     *
     * @throws org.porchlight.api.problem.ProblemException as {@link EvidenceRoom#verify} does
     */
    public Body download(StoredItem item, String actor) {
        room.verify(item, actor);
        // Recorded before the first byte leaves; a download that breaks off gets a BROKEN_OFF event after it.
        room.record(item, Kind.ACCESSED, actor, "download of " + item.item().size() + " bytes");
        return out -> handOut(item, actor, "download", " of " + item.item().size(), out, handOut -> copyVerified(item, actor, handOut));
    }

    /**
     * Writes {@code body} to the client; if the connection fails part-way (the client cancelled, or
     * the network broke), records in the item's chain of custody that this hand-out broke off and
     * after how many bytes, and lets the caller's error handling tell the log.
     */
    public void handOut(StoredItem item, String actor, String what, String of, OutputStream connection, Body body)
            throws IOException {
        HandOut out = new HandOut(connection);
        try {
            body.writeTo(out);
        } catch (IOException e) {
            if (out.broken()) {
                try {
                    room.record(item, Kind.BROKEN_OFF, actor, what + " broke off after at most " + out.sent() + " bytes" + of
                            + ": the connection closed");
                } catch (RuntimeException recordFailure) {
                    LOG.error("Evidence {}: the {} that broke off could not be recorded in its chain of custody", item.id(), what,
                            recordFailure);
                }
            }
            throw e;
        }
    }

    /**
     * Streams the plaintext, hashing it once more: a blob changed since the check fails its
     * authentication, and the response is cut off rather than completed with altered content.
     */
    public void copyVerified(StoredItem item, String actor, OutputStream out) throws IOException {
        MessageDigest sha256 = digest();
        long size = 0;
        try (InputStream in = room.open(item, actor)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                sha256.update(buffer, 0, n);
                size += n;
            }
        } catch (IntegrityException e) {
            room.integrityFailure(item, actor, e.getMessage() + ", while being served");
            throw new IOException("evidence " + item.id() + " failed its integrity check while being served", e);
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        if (size != item.item().size() || !hash.equals(item.item().sha256())) {
            room.integrityFailure(item, actor, "the content served hashed to " + hash);
            throw new IOException("evidence " + item.id() + " changed while being served");
        }
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
