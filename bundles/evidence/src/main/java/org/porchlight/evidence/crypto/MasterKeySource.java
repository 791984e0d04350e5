package org.porchlight.evidence.crypto;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * Where the master keys come from, in this order: the framework property
 * {@value #PROPERTY} or the environment variable {@value #VARIABLE} (for containers and secret
 * managers), else the key file. Without either, a key file is generated, but only while no
 * evidence exists: evidence with no key for it must fail loudly rather than get a new key nobody
 * can use to read it (a second node started without the cluster's key, a lost file).
 */
public final class MasterKeySource {

    public static final String PROPERTY = "porchlight.evidence.key";
    public static final String VARIABLE = "PORCHLIGHT_EVIDENCE_KEY";

    /**
     * @param keys      the keys
     * @param source    where they came from, for the log (never key material)
     * @param generated whether the key file was created just now
     */
    public record Loaded(MasterKeys keys, String source, boolean generated) {
    }

    private MasterKeySource() {
    }

    /**
     * @param property    reads a framework property
     * @param environment reads an environment variable
     * @param keyFile     the key file
     * @param mayGenerate whether a missing key file may be created (no evidence exists yet)
     */
    public static Loaded load(UnaryOperator<String> property, UnaryOperator<String> environment, Path keyFile,
            BooleanSupplier mayGenerate, SecureRandom random) {
        String text = property.apply(PROPERTY);
        String source = PROPERTY;
        if (text == null || text.isBlank()) {
            text = environment.apply(VARIABLE);
            source = VARIABLE;
        }
        if (text != null && !text.isBlank()) {
            return new Loaded(MasterKeys.parse(text, source, random), source, false);
        }
        try {
            boolean generated = false;
            if (!Files.exists(keyFile)) {
                if (!mayGenerate.getAsBoolean()) {
                    throw new IllegalStateException("No evidence master key: neither " + VARIABLE + " nor the key file " + keyFile
                            + " is there, and evidence exists that a master key wrapped. Restore the key (a new one could not read it).");
                }
                generated = create(keyFile, "# Porchlight evidence master keys: base64 of 32 bytes each; the first wraps new files,\n"
                        + "# every one opens the files it wrapped. Back this file up apart from the data folder.\n"
                        + MasterKeys.newKeyText(random) + "\n");
            }
            return new Loaded(MasterKeys.parse(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile.toString(), random),
                    keyFile.toString(), generated);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the evidence key file " + keyFile, e);
        }
    }

    /** Whether others than the owner may read the file (POSIX file systems only). */
    public static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            return permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    /** Writes a new file readable by its owner only; false if another process created it first. */
    private static boolean create(Path file, String text) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        Path temporary = file.resolveSibling(file.getFileName() + ".new-" + Long.toHexString(System.nanoTime()));
        try {
            try {
                Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(temporary); // not POSIX: the folder's permissions apply
            }
            try (var channel = java.nio.channels.FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            try {
                // A link fails if the name is taken, unlike a rename: two nodes racing keep one key.
                Files.createLink(file, temporary);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (UnsupportedOperationException | IOException e) {
                if (Files.exists(file)) {
                    return false;
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
                return true;
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
