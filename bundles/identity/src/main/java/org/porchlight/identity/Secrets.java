package org.porchlight.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

import org.osgi.framework.BundleContext;

/**
 * Key files: the configured path, else a file under {@code <data>/secrets} that is created on
 * first start, readable by the server's user only. Keys never go into the database, so that a
 * copy of the database alone cannot forge tokens or reverse pseudonyms.
 */
final class Secrets {

    private Secrets() {
    }

    static Path locate(BundleContext context, String configured, String defaultName) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        String data = context.getProperty("porchlight.data");
        Path folder = data == null || data.isBlank() ? Path.of("data") : Path.of(data);
        return folder.resolve("secrets").resolve(defaultName);
    }

    /** The file's text; if it does not exist, {@code initial} is written to it first (once, even if nodes race). */
    static String readOrCreate(Path file, Supplier<String> initial) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                createUnlessExists(file, initial.get());
            }
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file, e);
        }
    }

    /**
     * Creates the file with {@code text} unless it exists, atomically: nodes of a cluster that
     * start at once on a shared, empty folder all end up with the one file the first of them made
     * (a hard link to a finished temporary file fails if the name exists, on NFS too), never each
     * with a key of its own that the last writer's replaced on disk.
     */
    private static void createUnlessExists(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new-" + Hashes.randomToken(6));
        writeNew(temporary, text);
        try {
            Files.createLink(file, temporary);
        } catch (FileAlreadyExistsException e) {
            // another node made it first: theirs is the one
        } catch (UnsupportedOperationException e) {
            if (!Files.exists(file)) {
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void writeNew(Path file, String text) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's permissions apply
        }
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    static void write(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            // not a POSIX file system: the folder's permissions apply
        }
        Files.writeString(temporary, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
