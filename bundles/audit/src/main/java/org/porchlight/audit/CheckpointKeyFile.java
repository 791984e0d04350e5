package org.porchlight.audit;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Properties;

import org.porchlight.audit.chain.CheckpointKey;
import org.porchlight.audit.chain.CheckpointSignature;

/**
 * The node's checkpoint signing key: an Ed25519 key pair in a file (by default
 * {@code <data>/secrets/audit-checkpoint.key}), created on first start and readable by the
 * server's user only. It is never stored in the database, so that whoever can write the
 * database cannot sign checkpoints for a rewritten chain.
 */
final class CheckpointKeyFile {

    /**
     * A key that signs checkpoints.
     *
     * @param keyId the id derived from the public key
     */
    record SigningKey(String keyId, PrivateKey privateKey, PublicKey publicKey) {

        /** The public half as it is published. */
        CheckpointKey published(Instant created) {
            return new CheckpointKey(keyId, CheckpointSignature.ALGORITHM, CheckpointSignature.encode(publicKey), created);
        }
    }

    static final String DEFAULT_NAME = "audit-checkpoint.key";

    private CheckpointKeyFile() {
    }

    /** The configured file, else {@value #DEFAULT_NAME} in the data folder's {@code secrets}. */
    static Path locate(String data, String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        Path folder = data == null || data.isBlank() ? Path.of("data") : Path.of(data);
        return folder.resolve("secrets").resolve(DEFAULT_NAME);
    }

    /** The key in {@code file}; a new one is generated and written first if there is no file. */
    static SigningKey readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                write(file, generate());
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the checkpoint key file " + file, e);
        }
    }

    private static SigningKey read(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        try {
            KeyFactory factory = KeyFactory.getInstance(CheckpointSignature.ALGORITHM);
            PrivateKey privateKey = factory.generatePrivate(
                    new PKCS8EncodedKeySpec(Base64.getDecoder().decode(properties.getProperty("private", ""))));
            PublicKey publicKey = factory.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(properties.getProperty("public", ""))));
            return new SigningKey(CheckpointSignature.keyId(publicKey), privateKey, publicKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // the message never quotes the file's content
            throw new IllegalStateException("the checkpoint key file " + file + " does not hold an Ed25519 key pair");
        }
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(CheckpointSignature.ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has Ed25519", e);
        }
    }

    private static void write(Path file, KeyPair pair) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("algorithm", CheckpointSignature.ALGORITHM);
        properties.setProperty("private", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()));
        properties.setProperty("public", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        StringWriter text = new StringWriter();
        properties.store(text, "Porchlight audit checkpoint signing key (Ed25519). Keep it secret and back it up;"
                + " delete it to rotate (a new key is made at the next start, and the old public key stays published).");
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
            // not a POSIX file system: the folder's permissions apply
        }
        Files.writeString(temporary, text.toString());
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
