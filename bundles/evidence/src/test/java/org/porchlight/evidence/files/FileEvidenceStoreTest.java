package org.porchlight.evidence.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileEvidenceStoreTest {

    @TempDir
    Path folder;

    @Test
    void aBlobIsWrittenOnceReadableByTheOwnerOnlyReadBackAndDeleted() throws IOException {
        FileEvidenceStore store = new FileEvidenceStore(folder);
        String blob = UUID.randomUUID().toString();
        store.write(blob, new ByteArrayInputStream(new byte[] {1, 2, 3}));
        Path file = store.path(blob);
        assertThat(file).startsWith(folder.resolve(blob.substring(0, 2)));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (InputStream in = store.read(blob)) {
            assertThat(in.readAllBytes()).containsExactly(1, 2, 3);
        }
        assertThatThrownBy(() -> store.write(blob, new ByteArrayInputStream(new byte[1]))).isInstanceOf(FileAlreadyExistsException.class);
        assertThat(store.delete(blob)).isTrue();
        assertThat(store.delete(blob)).isFalse();
        assertThatThrownBy(() -> store.read(blob)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aBackupHoldKeepsEveryBlobUntilItIsGoneOrStale() throws IOException {
        FileEvidenceStore store = new FileEvidenceStore(folder);
        String blob = UUID.randomUUID().toString();
        store.write(blob, new ByteArrayInputStream(new byte[] {1}));
        Path hold = Files.createFile(folder.resolve(FileEvidenceStore.BACKUP_HOLD));
        assertThatThrownBy(() -> store.delete(blob)).isInstanceOf(IOException.class).hasMessageContaining("backup");
        assertThat(store.path(blob)).exists();
        String other = UUID.randomUUID().toString();
        store.write(other, new ByteArrayInputStream(new byte[] {2})); // writes go on
        Files.setLastModifiedTime(hold, java.nio.file.attribute.FileTime.from(java.time.Instant.now()
                .minus(FileEvidenceStore.HOLD_LIMIT).minusSeconds(60)));
        assertThat(store.delete(blob)).as("a hold left by a backup that died").isTrue();
        Files.setLastModifiedTime(hold, java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
        assertThatThrownBy(() -> store.delete(other)).isInstanceOf(IOException.class);
        Files.delete(hold);
        assertThat(store.delete(other)).isTrue();
    }

    @Test
    void aWriteWhoseSourceFailsLeavesNoFile() throws IOException {
        FileEvidenceStore store = new FileEvidenceStore(folder);
        String blob = UUID.randomUUID().toString();
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(new byte[100_000]), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("gone");
            }
        });
        assertThatThrownBy(() -> store.write(blob, failing)).hasMessage("gone");
        try (Stream<Path> files = Files.walk(folder)) {
            assertThat(files.filter(Files::isRegularFile).toList()).isEmpty();
        }
    }

    @Test
    void namesThatCouldLeaveTheFolderAreRefused() throws IOException {
        FileEvidenceStore store = new FileEvidenceStore(folder);
        for (String name : new String[] {"../../etc/passwd", "a/b/c/d", "....", "", "x"}) {
            assertThatThrownBy(() -> store.path(name)).as(name).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
