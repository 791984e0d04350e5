package org.porchlight.api.evidence;

import java.io.InputStream;
import java.util.List;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives evidence. The content is streamed to the store as it arrives, hashed (SHA-256) and
 * encrypted with a key of its own; the item exists only once every byte is stored, and a failed
 * or refused upload leaves nothing behind.
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

    /** The items that answer {@code request} at {@code agency}, oldest first. */
    List<EvidenceItem> itemsFor(String agency, UUID request);
}
