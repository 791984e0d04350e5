package org.porchlight.api.evidence;

import java.io.IOException;
import java.io.InputStream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where encrypted evidence is kept. Implementations see only ciphertext: encryption, hashing and
 * the chain of custody happen before and after. Register it as a service with the property
 * {@link #NAME}; the evidence bundle's configuration picks the store by name.
 */
@ConsumerType
public interface EvidenceStore {

    /** Service property: the store's name, e.g. {@code files}. */
    String NAME = "porchlight.evidence.store";

    /**
     * Stores {@code content} under {@code blob}, streaming it (never all in memory), and returns
     * once it is durable. A blob is written once; writing an existing blob is an error.
     */
    void write(String blob, InputStream content) throws IOException;

    /** The blob's bytes as written. */
    InputStream read(String blob) throws IOException;

    /** Removes the blob for good; returns whether it existed. */
    boolean delete(String blob) throws IOException;
}
