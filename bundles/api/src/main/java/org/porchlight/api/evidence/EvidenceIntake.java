package org.porchlight.api.evidence;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives evidence. The content is streamed to the store as it arrives, hashed (SHA-256) and
 * encrypted with a key of its own; the item exists only once every byte is stored, and a failed
 * or refused upload leaves nothing behind.
 *
 * <p>Files a sender must still confirm are <em>prepared</em> ({@link #prepare}): stored and
 * encrypted as any other, but held for the sender under a key of the caller's choosing (the
 * {@code holder}, e.g. {@code response:<id>}) and invisible to the agency, which lists, reads and
 * counts them nowhere, until {@link #share} makes them evidence. A prepared file can be
 * {@link #discard discarded}: its record, its custody events and its bytes are deleted.
 */
@ProviderType
public interface EvidenceIntake {

    /**
     * Stores one file and records its arrival in its chain of custody.
     *
     * @param declaredLength the length the sender announced (e.g. {@code Content-Length}), or -1:
     *                       a file announced larger than the agency's limit is refused before
     *                       anything is read
     * @throws org.porchlight.api.problem.ProblemException 413 if the file is larger than the
     *         agency allows, 415 if its type is not one the agency accepts, 503 if no store is
     *         available
     */
    EvidenceItem receive(Submission submission, InputStream content, long declaredLength);

    /** The items that answer {@code request} at {@code agency}, oldest first; shared items only. */
    List<EvidenceItem> itemsFor(String agency, UUID request);

    /**
     * Stores one file as {@link #receive} does, but prepared: held for {@code holder} and not
     * shared with the agency until {@link #share}. Its custody chain starts with {@code RECEIVED}.
     *
     * @param holder who may later share or discard it, as the caller names them (at most 200 characters)
     * @since 1.1
     */
    EvidenceItem prepare(Submission submission, String holder, InputStream content, long declaredLength);

    /**
     * The files prepared for {@code holder} at {@code agency} and neither shared nor discarded, oldest first.
     *
     * @since 1.1
     */
    List<EvidenceItem> prepared(String agency, String holder);

    /**
     * Shares prepared files with the agency, in the caller's transaction: each becomes evidence
     * the agency sees, and {@code SHARED} (by {@code actor}, with its SHA-256 and size) is appended
     * to its custody chain. All or nothing: if any of {@code items} is not a file prepared for
     * {@code holder} (unknown, already shared, discarded, purged), nothing is shared.
     *
     * @return the shares, in the order of {@code items}
     * @throws org.porchlight.api.problem.ProblemException 409 if an item is not prepared for the holder
     * @since 1.1
     */
    List<SharedEvidence> share(Connection transaction, String agency, String holder, Collection<UUID> items, String actor)
            throws SQLException;

    /**
     * Deletes files prepared for {@code holder}: their records, custody events and stored bytes.
     * Shared files are never touched.
     *
     * @param items which ones; {@code null} for all that are prepared for the holder
     * @return how many were deleted
     * @since 1.1
     */
    int discard(String agency, String holder, Collection<UUID> items);

    /**
     * The files {@code holder} shared at {@code agency}, with when and by whom, as their custody
     * chains record it, oldest share first. Purged files are included (with their facts).
     *
     * @since 1.1
     */
    List<SharedEvidence> shared(String agency, String holder);
}
