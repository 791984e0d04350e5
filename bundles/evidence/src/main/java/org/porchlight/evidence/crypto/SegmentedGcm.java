package org.porchlight.evidence.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM over a stream, in segments, so that both directions stream in constant memory.
 * (The JDK's {@code CipherInputStream} holds the whole ciphertext of a GCM decryption until its
 * tag is checked: a 16 MB file does not decrypt in a 64 MB heap.)
 *
 * <p>Format (version 1): a 16-byte header, {@code "PLEV"}, the version byte {@code 1}, the
 * plaintext bytes per segment (4 bytes, big-endian) and a random 7-byte nonce prefix; then the
 * segments, each the GCM ciphertext and 16-byte tag of {@code segmentSize} plaintext bytes, the
 * last one of 0 to {@code segmentSize} bytes. Segment {@code i} has the nonce prefix, {@code i}
 * (4 bytes, big-endian) and a last-segment flag (1 byte, 1 on the last one), and authenticates
 * the header as additional data. So a segment changed, dropped, reordered, or cut off or added at
 * the end fails authentication: the last-segment flag makes truncation at a segment boundary
 * visible, the counter makes reordering visible. Every file has a key of its own, so nonces
 * never repeat under one key.
 */
public final class SegmentedGcm {

    /** Plaintext bytes per segment: buffers of this size per stream, about 0.006% overhead. */
    public static final int DEFAULT_SEGMENT_SIZE = 256 * 1024;
    public static final int KEY_BYTES = 32;

    static final int HEADER_BYTES = 16;
    static final int TAG_BYTES = 16;
    static final int MIN_SEGMENT_SIZE = 1024;
    static final int MAX_SEGMENT_SIZE = 16 * 1024 * 1024;
    private static final byte[] MAGIC = {'P', 'L', 'E', 'V'};
    private static final byte VERSION = 1;
    private static final int PREFIX_BYTES = 7;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private SegmentedGcm() {
    }

    /** A new random file key. */
    public static byte[] newKey(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return key;
    }

    /** The ciphertext of {@code plaintext}, read as it is consumed. The key is copied. */
    public static InputStream encrypting(InputStream plaintext, byte[] key, SecureRandom random) {
        return new Encrypting(plaintext, key, DEFAULT_SEGMENT_SIZE, random);
    }

    /** As {@link #encrypting(InputStream, byte[], SecureRandom)}, with segments of another size. */
    public static InputStream encrypting(InputStream plaintext, byte[] key, int segmentSize, SecureRandom random) {
        return new Encrypting(plaintext, key, segmentSize, random);
    }

    /**
     * The plaintext of {@code ciphertext}, each segment released only once its tag has been
     * checked; reading throws {@link IntegrityException} where the ciphertext is not authentic.
     */
    public static InputStream decrypting(InputStream ciphertext, byte[] key) {
        return new Decrypting(ciphertext, key);
    }

    /** The size of the ciphertext of {@code plaintextBytes}, for stores that want to know. */
    public static long ciphertextSize(long plaintextBytes, int segmentSize) {
        long segments = plaintextBytes == 0 ? 1 : (plaintextBytes + segmentSize - 1) / segmentSize;
        return HEADER_BYTES + plaintextBytes + segments * TAG_BYTES;
    }

    private static SecretKeySpec aes(byte[] key) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a file key is " + KEY_BYTES + " bytes");
        }
        return new SecretKeySpec(key, "AES");
    }

    private static Cipher cipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java runtime has no " + TRANSFORMATION, e);
        }
    }

    private static GCMParameterSpec nonce(byte[] prefix, long segment, boolean last) {
        byte[] nonce = ByteBuffer.allocate(12).put(prefix).putInt((int) segment).put((byte) (last ? 1 : 0)).array();
        return new GCMParameterSpec(TAG_BYTES * 8, nonce);
    }

    /** Reads until {@code length} bytes or the end; returns how many were read. */
    private static int readFully(InputStream in, byte[] buffer, int offset, int length) throws IOException {
        int total = 0;
        while (total < length) {
            int n = in.read(buffer, offset + total, length - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    /**
     * Reads segment after segment with one byte of look-ahead, which tells whether the segment
     * just read is the last one.
     */
    private abstract static class Segments extends InputStream {
        final InputStream source;
        final Cipher cipher = cipher();
        final SecretKeySpec key;
        byte[] header;
        byte[] prefix;
        byte[] out = new byte[0];
        int outPos;
        int outLen;
        long segment;
        boolean finished;
        private int pending = -2; // the look-ahead byte; -2: none read, -1: end of the source

        Segments(InputStream source, byte[] key) {
            this.source = Objects.requireNonNull(source, "source");
            this.key = aes(key);
        }

        /** Fills {@code buffer} with the next {@code length} source bytes or up to the end; whether the end follows. */
        final Fill fill(byte[] buffer, int length) throws IOException {
            int n = 0;
            if (pending >= 0) {
                buffer[0] = (byte) pending;
                n = 1;
            } else if (pending == -1) {
                return new Fill(0, true);
            }
            pending = -2;
            n += readFully(source, buffer, n, length - n);
            if (n < length) {
                pending = -1;
                return new Fill(n, true);
            }
            pending = source.read();
            return new Fill(n, pending < 0);
        }

        record Fill(int length, boolean last) {
        }

        abstract void next() throws IOException;

        @Override
        public final int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public final int read(byte[] buffer, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, buffer.length);
            if (length == 0) {
                return 0;
            }
            while (outPos == outLen) {
                if (finished) {
                    return -1;
                }
                next();
            }
            int n = Math.min(length, outLen - outPos);
            System.arraycopy(out, outPos, buffer, offset, n);
            outPos += n;
            return n;
        }

        @Override
        public final int available() {
            return outLen - outPos;
        }

        @Override
        public void close() throws IOException {
            Arrays.fill(out, (byte) 0);
            source.close();
        }
    }

    private static final class Encrypting extends Segments {
        private final int segmentSize;
        private final byte[] plain;

        Encrypting(InputStream plaintext, byte[] key, int segmentSize, SecureRandom random) {
            super(plaintext, key);
            if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
                throw new IllegalArgumentException("segment size out of range: " + segmentSize);
            }
            this.segmentSize = segmentSize;
            this.plain = new byte[segmentSize];
            this.prefix = new byte[PREFIX_BYTES];
            random.nextBytes(prefix);
            this.header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).put(VERSION).putInt(segmentSize).put(prefix).array();
            this.out = new byte[segmentSize + TAG_BYTES];
            System.arraycopy(header, 0, out, 0, HEADER_BYTES);
            this.outLen = HEADER_BYTES;
        }

        @Override
        void next() throws IOException {
            Fill fill = fill(plain, segmentSize);
            if (segment > 0xFFFF_FFFFL) {
                throw new IOException("too large for one evidence blob");
            }
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, nonce(prefix, segment, fill.last()));
                cipher.updateAAD(header);
                outLen = cipher.doFinal(plain, 0, fill.length(), out, 0);
            } catch (GeneralSecurityException e) {
                throw new IOException("encryption failed", e);
            } finally {
                Arrays.fill(plain, 0, fill.length(), (byte) 0);
            }
            outPos = 0;
            segment++;
            finished = fill.last();
        }
    }

    private static final class Decrypting extends Segments {
        private byte[] sealed;

        Decrypting(InputStream ciphertext, byte[] key) {
            super(ciphertext, key);
        }

        private void readHeader() throws IOException {
            byte[] read = new byte[HEADER_BYTES];
            if (readFully(source, read, 0, HEADER_BYTES) < HEADER_BYTES) {
                throw new IntegrityException("the blob is shorter than its header");
            }
            ByteBuffer buffer = ByteBuffer.wrap(read);
            byte[] magic = new byte[MAGIC.length];
            buffer.get(magic);
            if (!Arrays.equals(magic, MAGIC) || buffer.get() != VERSION) {
                throw new IntegrityException("the blob does not start with an evidence header (version " + VERSION + ")");
            }
            int segmentSize = buffer.getInt();
            if (segmentSize < MIN_SEGMENT_SIZE || segmentSize > MAX_SEGMENT_SIZE) {
                throw new IntegrityException("the blob's header names an impossible segment size");
            }
            prefix = new byte[PREFIX_BYTES];
            buffer.get(prefix);
            header = read;
            sealed = new byte[segmentSize + TAG_BYTES];
            out = new byte[segmentSize];
        }

        @Override
        void next() throws IOException {
            if (header == null) {
                readHeader();
            }
            Fill fill = fill(sealed, sealed.length);
            if (fill.length() < TAG_BYTES) {
                throw new IntegrityException("the blob ends inside segment " + segment);
            }
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, nonce(prefix, segment, fill.last()));
                cipher.updateAAD(header);
                outLen = cipher.doFinal(sealed, 0, fill.length(), out, 0);
            } catch (AEADBadTagException e) {
                throw new IntegrityException("segment " + segment + " failed authentication"
                        + (fill.last() ? " (the blob may have been cut short or changed)" : ""), e);
            } catch (GeneralSecurityException e) {
                throw new IntegrityException("segment " + segment + " could not be decrypted", e);
            }
            outPos = 0;
            segment++;
            finished = fill.last();
        }
    }
}
