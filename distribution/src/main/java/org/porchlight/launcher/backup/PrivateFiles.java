package org.porchlight.launcher.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.stream.Stream;

/** Folders and files for the server's user only, as the server keeps its own. */
final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Whether {@code folder} is absent or an empty folder: the only places a backup or restore writes to. */
    static boolean absentOrEmpty(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return true;
        }
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isEmpty();
        }
    }

    /**
     * Why the existing folder {@code folder} is no place for a backup, or null: another user owns
     * it, or others may write to it (and so could read, replace or swap what goes in).
     */
    static String notPrivate(Path folder) throws IOException {
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(folder, PosixFileAttributes.class);
        } catch (UnsupportedOperationException e) {
            return null; // not POSIX: the folder's own permissions apply
        }
        UserPrincipal me = folder.getFileSystem().getUserPrincipalLookupService()
                .lookupPrincipalByName(System.getProperty("user.name"));
        if (!attributes.owner().equals(me)) {
            return "it belongs to " + attributes.owner().getName() + ", not to " + me.getName();
        }
        if (attributes.permissions().contains(PosixFilePermission.GROUP_WRITE)
                || attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
            return "others may write to it (" + PosixFilePermissions.toString(attributes.permissions()) + ")";
        }
        return null;
    }

    /** Makes the folder (absent, or checked by {@link #notPrivate}) this user's only: created, or set to rwx------. */
    static void ownFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            try {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not POSIX: the folder's own permissions apply
            }
            return;
        }
        createFolder(folder);
    }

    /** Creates the folder, which must not exist yet, not even as a link: nobody else had a hand in it. */
    static void createNewFolder(Path folder) throws IOException {
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException e) {
            Files.createDirectory(folder);
        }
    }

    /** Creates the folder and its missing parents; one that is there (not as a link) is taken as it is. */
    static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (folder.getParent() != null && !Files.isDirectory(folder.getParent())) {
            createFolder(folder.getParent());
        }
        createNewFolder(folder);
    }

    /** Makes a file the process wrote (or had written) readable by its owner only. */
    static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the folder's permissions apply
        }
    }

    /** Copies {@code from} to the new file {@code to} (readable by its owner only); returns its SHA-256. */
    static String copy(Path from, Path to) throws IOException {
        createFolder(to.getParent());
        try {
            Files.createFile(to, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(to);
        }
        try (InputStream in = Files.newInputStream(from);
                OutputStream out = Files.newOutputStream(to, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            return Manifest.copy(in, out);
        }
    }

    /** Writes a new text file readable by its owner only. */
    static void write(Path file, String text) throws IOException {
        createFolder(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        ownerOnly(file);
    }
}
