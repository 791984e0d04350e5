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

    /**
     * At most {@code length} bytes of the blob from {@code offset} on (fewer where it ends; none
     * past its end): a part of a file, e.g. the encryption segments a byte range of a download
     * needs. This default reads from the start and skips; a store that can seek (a file, an S3
     * range request) overrides it.
     *
     * @since 1.2
     */
    default InputStream read(String blob, long offset, long length) throws IOException {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("offset and length must not be negative");
        }
        InputStream in = read(blob);
        try {
            in.skipNBytes(offset);
        } catch (java.io.EOFException e) {
            in.close();
            return InputStream.nullInputStream();
        }
        return new java.io.FilterInputStream(in) {
            private long left = length;

            @Override
            public int read() throws IOException {
                if (left == 0) {
                    return -1;
                }
                int b = super.read();
                left -= b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int n = super.read(buffer, off, (int) Math.min(len, left));
                left -= Math.max(0, n);
                return n;
            }
        };
    }

    /** Removes the blob for good; returns whether it existed. */
    boolean delete(String blob) throws IOException;
}
