package org.porchlight.evidence.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeysTest {

    private final SecureRandom random = new SecureRandom();
    private final byte[] first = SegmentedGcm.newKey(random);
    private final byte[] second = SegmentedGcm.newKey(random);
    private final UUID item = UUID.randomUUID();

    @Test
    void aWrappedFileKeyUnwrapsToTheSameKeyAndNamesItsMasterKey() throws Exception {
        MasterKeys keys = MasterKeys.of(List.of(first), random);
        byte[] fileKey = SegmentedGcm.newKey(random);
        MasterKeys.WrappedKey wrapped = keys.wrap(fileKey, item);
        assertThat(wrapped.keyId()).isEqualTo(MasterKeys.idOf(first)).hasSize(16);
        assertThat(new String(wrapped.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(new String(fileKey, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(keys.unwrap(wrapped, item)).isEqualTo(fileKey);
    }

    @Test
    void afterRotationNewKeysAreWrappedByTheNewMasterKeyAndOldOnesStillOpen() throws Exception {
        byte[] fileKey = SegmentedGcm.newKey(random);
        MasterKeys.WrappedKey old = MasterKeys.of(List.of(first), random).wrap(fileKey, item);
        MasterKeys rotated = MasterKeys.of(List.of(second, first), random);
        assertThat(rotated.currentId()).isEqualTo(MasterKeys.idOf(second));
        assertThat(rotated.wrap(fileKey, item).keyId()).isEqualTo(MasterKeys.idOf(second));
        assertThat(rotated.unwrap(old, item)).isEqualTo(fileKey);
    }

    @Test
    void aKeyWrappedByAMasterKeyNoLongerConfiguredIsReportedAsSuch() {
        MasterKeys.WrappedKey wrapped = MasterKeys.of(List.of(first), random).wrap(SegmentedGcm.newKey(random), item);
        assertThatThrownBy(() -> MasterKeys.of(List.of(second), random).unwrap(wrapped, item))
                .isInstanceOf(MasterKeys.UnknownKeyException.class).hasMessageContaining(wrapped.keyId());
    }

    @Test
    void aWrappedKeyChangedOrMovedToAnotherItemDoesNotOpen() {
        MasterKeys keys = MasterKeys.of(List.of(first), random);
        MasterKeys.WrappedKey wrapped = keys.wrap(SegmentedGcm.newKey(random), item);
        assertThatThrownBy(() -> keys.unwrap(wrapped, UUID.randomUUID())).isInstanceOf(IntegrityException.class);
        byte[] changed = wrapped.bytes().clone();
        changed[20] ^= 1;
        assertThatThrownBy(() -> keys.unwrap(new MasterKeys.WrappedKey(wrapped.keyId(), changed), item))
                .isInstanceOf(IntegrityException.class);
    }

    @Test
    void keyTextIsBase64KeysFirstCurrentWithCommentsAndItsErrorsNeverQuoteAKey() {
        String a = Base64.getEncoder().encodeToString(first);
        String b = Base64.getUrlEncoder().encodeToString(second);
        MasterKeys keys = MasterKeys.parse("# rotated 2026-11\n" + a + "\n\n" + b + "\n", "test", random);
        assertThat(keys.ids()).containsExactly(MasterKeys.idOf(first), MasterKeys.idOf(second));
        assertThat(MasterKeys.parse(a + "," + b, "env", random).currentId()).isEqualTo(MasterKeys.idOf(first));

        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> MasterKeys.parse(a + " " + shortKey, "PORCHLIGHT_EVIDENCE_KEY", random))
                .hasMessageContaining("master key 2 is 16 bytes").hasMessageNotContaining(shortKey).hasMessageNotContaining(a);
        assertThatThrownBy(() -> MasterKeys.parse("not*base64", "file", random)).hasMessageContaining("not base64")
                .hasMessageNotContaining("not*base64");
        assertThatThrownBy(() -> MasterKeys.parse(a + "\n" + a, "file", random)).hasMessageContaining("twice");
        assertThatThrownBy(() -> MasterKeys.parse("# nothing\n", "file", random)).hasMessageContaining("no key");
        assertThat(keys.toString()).doesNotContain(a);
    }

    @Test
    void theVariableComesBeforeTheKeyFileAndTheFrameworkPropertyBeforeBoth(@TempDir Path home) {
        String a = Base64.getEncoder().encodeToString(first);
        String b = Base64.getEncoder().encodeToString(second);
        Path file = home.resolve("etc/evidence-master.key");
        var fromVariable = MasterKeySource.load(p -> null, Map.of(MasterKeySource.VARIABLE, a)::get, file, () -> true, random);
        assertThat(fromVariable.keys().currentId()).isEqualTo(MasterKeys.idOf(first));
        assertThat(fromVariable.source()).isEqualTo(MasterKeySource.VARIABLE);
        assertThat(file).doesNotExist();
        var fromProperty = MasterKeySource.load(Map.of(MasterKeySource.PROPERTY, b)::get, Map.of(MasterKeySource.VARIABLE, a)::get, file,
                () -> true, random);
        assertThat(fromProperty.keys().currentId()).isEqualTo(MasterKeys.idOf(second));
    }

    @Test
    void withoutAKeyAFileReadableByTheOwnerOnlyIsGeneratedOnceAndThenRead(@TempDir Path home) throws Exception {
        Path file = home.resolve("etc/evidence-master.key");
        var generated = MasterKeySource.load(p -> null, v -> null, file, () -> true, random);
        assertThat(generated.generated()).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(MasterKeySource.readableByOthers(file)).isFalse();
        var again = MasterKeySource.load(p -> null, v -> null, file, () -> true, random);
        assertThat(again.generated()).isFalse();
        assertThat(again.keys().currentId()).isEqualTo(generated.keys().currentId());
        try (var files = Files.list(file.getParent())) {
            assertThat(files.toList()).as("no temporary file left").containsExactly(file);
        }
    }

    @Test
    void noKeyIsGeneratedWhileEvidenceExistsThatAnEarlierKeyWrapped(@TempDir Path home) {
        Path file = home.resolve("etc/evidence-master.key");
        assertThatThrownBy(() -> MasterKeySource.load(p -> null, v -> null, file, () -> false, random))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Restore the key");
        assertThat(file).doesNotExist();
    }
}
