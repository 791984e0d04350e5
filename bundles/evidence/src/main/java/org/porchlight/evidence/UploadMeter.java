package org.porchlight.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The upload as it arrives: counts and hashes (SHA-256) every byte, and stops at the limit. It
 * never asks the sender for more than one byte past the limit, so an oversized body is cut off
 * there; and it remembers whether a failure was the sender's (the body broke off) or the limit's,
 * because the store sees both only as an {@link IOException}.
 */
final class UploadMeter extends InputStream {

    /** The body ran past the limit. */
    static final class LimitExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        LimitExceeded(long limit) {
            super("the upload is larger than " + limit + " bytes");
        }
    }

    private final InputStream source;
    private final long limit;
    private final MessageDigest sha256;
    private long count;
    private boolean overLimit;
    private IOException sourceFailure;

    UploadMeter(InputStream source, long limit) {
        this.source = Objects.requireNonNull(source, "content");
        this.limit = limit;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (overLimit) {
            throw new LimitExceeded(limit);
        }
        if (length == 0) {
            return 0;
        }
        int n;
        try {
            long remaining = limit - count; // one byte more than the limit allows tells that the body is too large
            n = source.read(buffer, offset, remaining >= length ? length : (int) remaining + 1);
        } catch (IOException e) {
            sourceFailure = e;
            throw e;
        }
        if (n > 0) {
            count += n;
            if (count > limit) {
                overLimit = true;
                throw new LimitExceeded(limit);
            }
            sha256.update(buffer, offset, n);
        }
        return n;
    }

    @Override
    public void close() {
        // The caller owns the request body; the store closing its input must not close it.
    }

    long count() {
        return count;
    }

    boolean overLimit() {
        return overLimit;
    }

    /** The sender's failure while reading, or null. */
    IOException sourceFailure() {
        return sourceFailure;
    }

    /** The hex SHA-256 of everything read; call once, at the end. */
    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
