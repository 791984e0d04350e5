package org.porchlight.evidence.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.porchlight.api.evidence.EvidenceStore;
import org.porchlight.evidence.EvidenceConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in evidence store: one file per blob under a folder ({@code <data>/evidence} by
 * default), spread over two levels of sub-folders by the blob's first characters. A blob is
 * written to a temporary file, forced to disk, then moved into place and its folder forced too,
 * so that a blob is either wholly there and durable or not there at all. Files and folders are
 * for the server's user only. Nodes of a cluster share the folder (e.g. over NFS).
 */
@Component(configurationPid = EvidenceConfiguration.PID, property = EvidenceStore.NAME + "=" + FileEvidenceStore.NAME)
public class FileEvidenceStore implements EvidenceStore {

    public static final String NAME = "files";

    private static final Logger LOG = LoggerFactory.getLogger(FileEvidenceStore.class);
    /** Blob names are ids: no separators, no dots, so no name can reach outside the folder. */
    private static final Pattern BLOB = Pattern.compile("[A-Za-z0-9_-]{4,64}");
    private static final String INCOMING = ".incoming";
    /** A temporary file this old belongs to a write that died with its process. */
    private static final Duration ABANDONED = Duration.ofDays(1);
    /**
     * While {@code bin/porchlight backup} copies the files its database snapshot names, it keeps
     * this file in the folder, and no blob is deleted: a purge or discard fails as if the store
     * were away and is finished by a later retention run. A hold older than {@link #HOLD_LIMIT}
     * was left by a backup that died and is ignored.
     */
    public static final String BACKUP_HOLD = ".backup-hold";
    static final Duration HOLD_LIMIT = Duration.ofHours(12);

    private final Path folder;

    @Activate
    public FileEvidenceStore(BundleContext context, EvidenceConfiguration config) throws IOException {
        this(folder(context, config.filesFolder()));
    }

    public FileEvidenceStore(Path folder) throws IOException {
        this.folder = folder.toAbsolutePath().normalize();
        createPrivateDirectories(this.folder.resolve(INCOMING));
        removeAbandoned();
    }

    static Path folder(BundleContext context, String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        String data = context.getProperty("porchlight.data");
        return (data == null || data.isBlank() ? Path.of("data") : Path.of(data)).resolve("evidence");
    }

    public Path folder() {
        return folder;
    }

    /** Where a blob lives; public for operators' tools and tests. */
    public Path path(String blob) {
        if (blob == null || !BLOB.matcher(blob).matches()) {
            throw new IllegalArgumentException("not a blob name");
        }
        return folder.resolve(blob.substring(0, 2)).resolve(blob.substring(2, 4)).resolve(blob);
    }

    @Override
    public void write(String blob, InputStream content) throws IOException {
        Path target = path(blob);
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(blob);
        }
        Path temporary = folder.resolve(INCOMING).resolve(blob + "." + UUID.randomUUID() + ".part");
        try {
            try (FileChannel out = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
                byte[] buffer = new byte[64 * 1024];
                ByteBuffer wrapped = ByteBuffer.wrap(buffer);
                for (int n; (n = content.read(buffer)) >= 0;) {
                    wrapped.clear().limit(n);
                    while (wrapped.hasRemaining()) {
                        out.write(wrapped);
                    }
                }
                out.force(true);
            }
            createPrivateDirectories(target.getParent());
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            forceDirectory(target.getParent());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public InputStream read(String blob) throws IOException {
        return Files.newInputStream(path(blob));
    }

    @Override
    public boolean delete(String blob) throws IOException {
        Path target = path(blob);
        if (heldForBackup()) {
            throw new IOException("a backup is copying the evidence folder (" + BACKUP_HOLD + "); the blob is deleted later");
        }
        boolean existed = Files.deleteIfExists(target);
        if (existed) {
            forceDirectory(target.getParent());
        }
        return existed;
    }

    private boolean heldForBackup() {
        try {
            FileTime since = Files.getLastModifiedTime(folder.resolve(BACKUP_HOLD));
            return since.toInstant().isAfter(Instant.now().minus(HOLD_LIMIT));
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return true; // cannot tell: keep the blob, a later run deletes it
        }
    }

    private static void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectories(directory);
        }
    }

    /** Makes a rename or deletion in {@code directory} durable (POSIX; elsewhere the file system's own rules apply). */
    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every platform can open a folder; the file itself was forced before the move.
        }
    }

    /** Deletes temporary files of writes that died with their process; another node's write in progress is younger. */
    private void removeAbandoned() {
        FileTime before = FileTime.from(Instant.now().minus(ABANDONED));
        try (Stream<Path> files = Files.list(folder.resolve(INCOMING))) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).compareTo(before) < 0) {
                    Files.deleteIfExists(file);
                    LOG.info("Deleted the abandoned partial evidence file {}", file.getFileName());
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not look for abandoned partial evidence files in {}: {}", folder.resolve(INCOMING), e.toString());
        }
    }
}
