package org.porchlight.evidence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SegmentedGcmTest {

    private static final int SEGMENT = 1024;
    private static final int SEALED_SEGMENT = SEGMENT + SegmentedGcm.TAG_BYTES;
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = SegmentedGcm.newKey(random);

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, SEGMENT - 1, SEGMENT, SEGMENT + 1, 3 * SEGMENT, 3 * SEGMENT + 517})
    void whatIsEncryptedDecryptsToTheSameBytesWhateverItsLengthAgainstTheSegments(int length) throws IOException {
        byte[] plain = bytes(length);
        byte[] sealed = encrypt(plain);
        assertThat(sealed).hasSize((int) SegmentedGcm.ciphertextSize(length, SEGMENT));
        assertThat(decrypt(sealed)).isEqualTo(plain);
    }

    @Test
    void theDefaultSegmentSizeStreamsAFileOfManySegments() throws IOException {
        byte[] plain = bytes(5 * SegmentedGcm.DEFAULT_SEGMENT_SIZE + 12345);
        byte[] sealed = SegmentedGcm.encrypting(new ByteArrayInputStream(plain), key, random).readAllBytes();
        assertThat(sealed).hasSize((int) SegmentedGcm.ciphertextSize(plain.length, SegmentedGcm.DEFAULT_SEGMENT_SIZE));
        assertThat(SegmentedGcm.decrypting(new ByteArrayInputStream(sealed), key).readAllBytes()).isEqualTo(plain);
    }

    @Test
    void theSameFileEncryptsDifferentlyEachTime() throws IOException {
        byte[] plain = bytes(3000);
        assertThat(encrypt(plain)).isNotEqualTo(encrypt(plain));
    }

    @Test
    void aChangedByteInAMiddleSegmentFailsThatSegmentBeforeItsPlaintextIsReleased() throws IOException {
        byte[] sealed = encrypt(bytes(4 * SEGMENT));
        sealed[SegmentedGcm.HEADER_BYTES + SEALED_SEGMENT + 100] ^= 1; // segment 1
        InputStream in = SegmentedGcm.decrypting(new ByteArrayInputStream(sealed), key);
        assertThat(in.readNBytes(SEGMENT)).hasSize(SEGMENT); // segment 0 is intact
        assertThatThrownBy(() -> in.read(new byte[10])).isInstanceOf(IntegrityException.class).hasMessageContaining("segment 1");
    }

    @Test
    void aChangedTagHeaderOrLastByteFailsAuthentication() throws IOException {
        byte[] sealed = encrypt(bytes(2 * SEGMENT + 10));
        for (int position : new int[] {0, 6, 12, SegmentedGcm.HEADER_BYTES + SEALED_SEGMENT - 1, sealed.length - 1}) {
            byte[] tampered = sealed.clone();
            tampered[position] ^= 0x40;
            assertThatThrownBy(() -> decrypt(tampered)).as("byte " + position).isInstanceOf(IntegrityException.class);
        }
    }

    @Test
    void aBlobCutShortAnywhereIsDetectedEvenAtASegmentBoundary() throws IOException {
        byte[] sealed = encrypt(bytes(3 * SEGMENT + 200));
        int boundary = SegmentedGcm.HEADER_BYTES + 2 * SEALED_SEGMENT; // the first two segments, whole
        for (int length : new int[] {0, 10, SegmentedGcm.HEADER_BYTES, boundary, boundary + 5, sealed.length - 1}) {
            byte[] cut = Arrays.copyOf(sealed, length);
            assertThatThrownBy(() -> decrypt(cut)).as("cut to " + length).isInstanceOf(IntegrityException.class);
        }
    }

    @Test
    void bytesAppendedAfterTheLastSegmentAreDetected() throws IOException {
        byte[] sealed = encrypt(bytes(2 * SEGMENT));
        byte[] longer = Arrays.copyOf(sealed, sealed.length + 1);
        assertThatThrownBy(() -> decrypt(longer)).isInstanceOf(IntegrityException.class);
    }

    @Test
    void swappedSegmentsAreDetected() throws IOException {
        byte[] sealed = encrypt(bytes(3 * SEGMENT + 1));
        byte[] swapped = sealed.clone();
        int first = SegmentedGcm.HEADER_BYTES;
        System.arraycopy(sealed, first + SEALED_SEGMENT, swapped, first, SEALED_SEGMENT);
        System.arraycopy(sealed, first, swapped, first + SEALED_SEGMENT, SEALED_SEGMENT);
        assertThatThrownBy(() -> decrypt(swapped)).isInstanceOf(IntegrityException.class).hasMessageContaining("segment 0");
    }

    @Test
    void anotherKeyOpensNothing() throws IOException {
        byte[] sealed = encrypt(bytes(100));
        assertThatThrownBy(() -> SegmentedGcm.decrypting(new ByteArrayInputStream(sealed), SegmentedGcm.newKey(random)).readAllBytes())
                .isInstanceOf(IntegrityException.class);
    }

    @Test
    void somethingThatIsNotABlobIsRefusedByItsHeader() {
        assertThatThrownBy(() -> decrypt(bytes(500))).isInstanceOf(IntegrityException.class).hasMessageContaining("header");
    }

    @Test
    void encryptionReadsTheSourceAsItIsConsumedNotAllAtOnce() throws IOException {
        CountingStream source = new CountingStream(new ByteArrayInputStream(bytes(10 * SEGMENT)));
        InputStream sealed = SegmentedGcm.encrypting(source, key, SEGMENT, random);
        sealed.readNBytes(SegmentedGcm.HEADER_BYTES + 10);
        assertThat(source.read).as("one segment and a byte of look-ahead").isEqualTo(SEGMENT + 1);
    }

    private byte[] encrypt(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // read in odd-sized pieces, as a store would
        try (InputStream in = SegmentedGcm.encrypting(new ByteArrayInputStream(plain), key, SEGMENT, random)) {
            byte[] buffer = new byte[333];
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
            }
        }
        return out.toByteArray();
    }

    private byte[] decrypt(byte[] sealed) throws IOException {
        try (InputStream in = SegmentedGcm.decrypting(new ByteArrayInputStream(sealed), key)) {
            return in.readAllBytes();
        }
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static final class CountingStream extends java.io.FilterInputStream {
        long read;

        CountingStream(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            read += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            read += Math.max(0, n);
            return n;
        }
    }
}
