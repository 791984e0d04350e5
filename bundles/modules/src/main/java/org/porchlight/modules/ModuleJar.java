package org.porchlight.modules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSigner;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipException;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * What a bundle file is, read before it goes anywhere near the framework: its symbolic name and
 * version, its SHA-256, and who signed it. A signed file must be exactly what was signed
 * ({@link SignedEntries}: nothing missing, added, changed or hidden); anything else refuses the
 * file outright, naming the entry, whatever the trust settings.
 */
record ModuleJar(Path file, String symbolicName, Version version, String sha256, Signature signature) {

    /** Who signed the file, as far as the trust store is concerned. */
    record Signature(Status status, TrustStore.Publisher publisher, String signer) {
        enum Status { TRUSTED, UNSIGNED, UNTRUSTED }

        String describe() {
            return switch (status) {
                case TRUSTED -> "signed by " + publisher.provenance().name().toLowerCase(Locale.ROOT) + " " + publisher.name();
                case UNSIGNED -> "not signed";
                case UNTRUSTED -> "signed by " + signer + ", a key the trust store does not hold";
            };
        }
    }

    static ModuleJar inspect(Path file, TrustStore trust) throws ModuleRefusedException, IOException {
        String sha256 = sha256(file);
        try (JarFile jar = new JarFile(file.toFile(), true)) {
            Manifest manifest = Optional.ofNullable(jar.getManifest())
                    .orElseThrow(() -> new ModuleRefusedException("the file has no manifest: it is not an OSGi bundle"));
            Attributes main = manifest.getMainAttributes();
            String symbolicName = Optional.ofNullable(main.getValue(Constants.BUNDLE_SYMBOLICNAME))
                    .map(v -> v.split(";", 2)[0].trim()).filter(v -> !v.isEmpty())
                    .orElseThrow(() -> new ModuleRefusedException("the manifest has no Bundle-SymbolicName: it is not an OSGi bundle"));
            Version version;
            try {
                version = Version.parseVersion(main.getValue(Constants.BUNDLE_VERSION));
            } catch (IllegalArgumentException e) {
                throw new ModuleRefusedException("the manifest's Bundle-Version is not a version: " + e.getMessage());
            }
            if (main.getValue(Constants.FRAGMENT_HOST) != null) {
                throw new ModuleRefusedException("fragments are not modules; ship the fragment's content in its host");
            }
            return new ModuleJar(file, symbolicName, version, sha256, signature(jar, manifest, trust));
        } catch (SecurityException e) {
            throw new ModuleRefusedException("the file does not match its signature (changed after signing): " + e.getMessage());
        } catch (ZipException e) {
            throw new ModuleRefusedException("the file is not a JAR: " + e.getMessage());
        }
    }

    /**
     * Who signed the file. Signed means every entry is signed and verified ({@link SignedEntries}); the signer
     * that counts is a trusted key that signed every entry. A second, unknown signer beside it changes nothing;
     * an entry only an unknown key signed refuses the file, naming the entry.
     */
    private static Signature signature(JarFile jar, Manifest manifest, TrustStore trust)
            throws IOException, ModuleRefusedException {
        SignedEntries.Content content = SignedEntries.check(jar, manifest);
        if (!content.signed()) {
            return new Signature(Signature.Status.UNSIGNED, null, null);
        }
        Set<CodeSigner> signers = new LinkedHashSet<>();
        for (Map.Entry<String, Set<CodeSigner>> entry : content.entries().entrySet()) {
            if (entry.getValue().isEmpty()) {
                throw new ModuleRefusedException("the entry " + entry.getKey()
                        + " is not signed: it was added or changed after signing");
            }
            signers.addAll(entry.getValue());
        }
        String incomplete = null;
        for (CodeSigner signer : signers) {
            Optional<TrustStore.Publisher> publisher = trust.trusting(signer.getSignerCertPath());
            String unsigned = unsignedBy(signer, content);
            if (publisher.isPresent() && unsigned == null) {
                return new Signature(Signature.Status.TRUSTED, publisher.get(), null);
            }
            if (publisher.isPresent() && incomplete == null) {
                incomplete = "the entry " + unsigned + " is not signed by the trusted key of " + publisher.get().name()
                        + ": it was added or changed after signing";
            }
        }
        if (incomplete != null) {
            throw new ModuleRefusedException(incomplete);
        }
        for (CodeSigner signer : signers) {
            if (unsignedBy(signer, content) == null) {
                return new Signature(Signature.Status.UNTRUSTED, null, subject(signer));
            }
        }
        CodeSigner first = signers.iterator().next();
        throw new ModuleRefusedException("no one key signed every entry of the file: the entry " + unsignedBy(first, content)
                + " is not signed by " + subject(first));
    }

    /** The first entry {@code signer} did not sign, or null. */
    private static String unsignedBy(CodeSigner signer, SignedEntries.Content content) {
        return content.entries().entrySet().stream().filter(e -> !e.getValue().contains(signer)).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    private static String subject(CodeSigner signer) {
        return ((X509Certificate) signer.getSignerCertPath().getCertificates().get(0)).getSubjectX500Principal().getName();
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
