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
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Pattern;

import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * What a bundle file is, read before it goes anywhere near the framework: its symbolic name and
 * version, its SHA-256, and who signed it. Every entry is read in full, which is how
 * {@link JarFile} checks it against the signature; an entry that does not match, or an unsigned
 * entry in a signed jar, refuses the file outright, whatever the trust settings.
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

    /** Files in META-INF that carry the signature itself rather than being signed by it. */
    private static final Pattern SIGNATURE_FILE = Pattern.compile("META-INF/([^/]+\\.(SF|RSA|DSA|EC)|SIG-[^/]+|MANIFEST\\.MF)");

    static ModuleJar inspect(Path file, TrustStore trust) throws ModuleRefusedException, IOException {
        String sha256 = sha256(file);
        try (JarFile jar = new JarFile(file.toFile(), true)) {
            Attributes main = Optional.ofNullable(jar.getManifest()).map(m -> m.getMainAttributes())
                    .orElseThrow(() -> new ModuleRefusedException("the file has no manifest: it is not an OSGi bundle"));
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
            return new ModuleJar(file, symbolicName, version, sha256, signature(jar, trust));
        } catch (SecurityException e) {
            throw new ModuleRefusedException("the file does not match its signature (changed after signing): " + e.getMessage());
        } catch (java.util.zip.ZipException e) {
            throw new ModuleRefusedException("the file is not a JAR: " + e.getMessage());
        }
    }

    private static Signature signature(JarFile jar, TrustStore trust) throws IOException, ModuleRefusedException {
        Set<CodeSigner> common = null;
        String unsignedEntry = null;
        boolean signedEntry = false;
        byte[] buffer = new byte[8192];
        for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements();) {
            JarEntry entry = entries.nextElement();
            if (entry.isDirectory() || SIGNATURE_FILE.matcher(entry.getName().toUpperCase(Locale.ROOT)).matches()) {
                continue;
            }
            try (InputStream in = jar.getInputStream(entry)) {
                while (in.read(buffer) != -1) {
                    // reading to the end is what verifies the entry
                }
            }
            CodeSigner[] signers = entry.getCodeSigners();
            if (signers == null || signers.length == 0) {
                unsignedEntry = unsignedEntry == null ? entry.getName() : unsignedEntry;
                continue;
            }
            signedEntry = true;
            Set<CodeSigner> these = new HashSet<>(Arrays.asList(signers));
            if (common == null) {
                common = these;
            } else {
                common.retainAll(these);
            }
        }
        if (!signedEntry) {
            return new Signature(Signature.Status.UNSIGNED, null, null);
        }
        if (unsignedEntry != null) {
            throw new ModuleRefusedException("the entry " + unsignedEntry + " is not signed: the file was changed after signing");
        }
        if (common.isEmpty()) {
            throw new ModuleRefusedException("no one key signed every entry of the file");
        }
        String signer = null;
        for (CodeSigner codeSigner : common) {
            Optional<TrustStore.Publisher> publisher = trust.trusting(codeSigner.getSignerCertPath());
            if (publisher.isPresent()) {
                return new Signature(Signature.Status.TRUSTED, publisher.get(), null);
            }
            signer = ((java.security.cert.X509Certificate) codeSigner.getSignerCertPath().getCertificates().get(0))
                    .getSubjectX500Principal().getName();
        }
        return new Signature(Signature.Status.UNTRUSTED, null, signer);
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
