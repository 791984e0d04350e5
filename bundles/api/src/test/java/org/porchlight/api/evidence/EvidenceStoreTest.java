package org.porchlight.api.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The default part read of a store that can only read a blob from its start. */
class EvidenceStoreTest {

    private final byte[] content = new byte[1000];
    private final EvidenceStore store = new EvidenceStore() {
        @Override
        public void write(String blob, InputStream in) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream read(String blob) {
            return new ByteArrayInputStream(content);
        }

        @Override
        public boolean delete(String blob) {
            return false;
        }
    };

    EvidenceStoreTest() {
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
    }

    @Test
    void aPartIsTheBytesFromTheOffsetOnCutAtTheLengthOrTheEnd() throws IOException {
        assertThat(store.read("b", 100, 50).readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 100, 150));
        assertThat(store.read("b", 990, 50).readAllBytes()).isEqualTo(Arrays.copyOfRange(content, 990, 1000));
        assertThat(store.read("b", 2000, 50).readAllBytes()).isEmpty();
        assertThat(store.read("b", 0, 0).readAllBytes()).isEmpty();
        InputStream single = store.read("b", 5, 2);
        assertThat(new int[] {single.read(), single.read(), single.read()}).containsExactly(5, 6, -1);
        assertThatThrownBy(() -> store.read("b", -1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
