package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.porchlight.modules.SignedJars.bundle;
import static org.porchlight.modules.SignedJars.OTHER;
import static org.porchlight.modules.SignedJars.PLUGIN;
import static org.porchlight.modules.SignedJars.folder;
import static org.porchlight.modules.SignedJars.manifest;
import static org.porchlight.modules.SignedJars.signed;
import static org.porchlight.modules.SignedJars.trusting;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;


import org.junit.jupiter.api.Test;

/** Signatures checked against the trust store, with real keys from keytool and the JDK's jar signer. */
class ModuleJarTest {

    @Test
    void aKeyThatATrustedCaCertifiedIsTrustedWithTheCasProvenance() throws Exception {
        TrustStore trust = trusting("vendor", "acme", folder().resolve("ca.pem"));
        ModuleJar jar = ModuleJar.inspect(signed(bundle("org.example.plugin", "1.2.3"), "vendor"), trust);
        assertThat(jar.symbolicName()).isEqualTo("org.example.plugin");
        assertThat(jar.version()).hasToString("1.2.3");
        assertThat(jar.sha256()).hasSize(64);
        assertThat(jar.signature().status()).isEqualTo(ModuleJar.Signature.Status.TRUSTED);
        assertThat(jar.signature().publisher().provenance()).isEqualTo(Provenance.VENDOR);
        assertThat(jar.signature().publisher().name()).isEqualTo("acme");
    }

    @Test
    void aSignerTheStoreDoesNotHoldIsUntrustedEvenIfItsChainNamesATrustedCa() throws Exception {
        TrustStore trust = trusting("agency", "kcpd", folder().resolve("vendor.pem"));
        ModuleJar stranger = ModuleJar.inspect(signed(bundle("org.example.plugin", "1.0.0"), "stranger"), trust);
        assertThat(stranger.signature().status()).isEqualTo(ModuleJar.Signature.Status.UNTRUSTED);
        assertThat(stranger.signature().describe()).contains("CN=stranger");
        // The vendor's own certificate pinned in agency/: trusted as the agency's.
        ModuleJar pinned = ModuleJar.inspect(signed(bundle("org.example.plugin", "1.0.0"), "vendor"), trust);
        assertThat(pinned.signature().publisher().provenance()).isEqualTo(Provenance.AGENCY);
        // Nothing trusted at all: the CA in the signature proves nothing by itself.
        ModuleJar untrusted = ModuleJar.inspect(signed(bundle("org.example.plugin", "1.0.0"), "vendor"),
                new TrustStore(Files.createTempDirectory(folder(), "empty")));
        assertThat(untrusted.signature().status()).isEqualTo(ModuleJar.Signature.Status.UNTRUSTED);
    }

    @Test
    void unsignedFilesAndFilesThatAreNotBundlesAreToldApart() throws Exception {
        TrustStore trust = trusting("vendor", "acme", folder().resolve("ca.pem"));
        assertThat(ModuleJar.inspect(bundle("org.example.plugin", "1.0.0"), trust).signature().status())
                .isEqualTo(ModuleJar.Signature.Status.UNSIGNED);
        Path plain = folder().resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plain), manifest(null, null))) {
            out.putNextEntry(new JarEntry("a.txt"));
        }
        assertThatThrownBy(() -> ModuleJar.inspect(plain, trust)).isInstanceOf(ModuleRefusedException.class)
                .hasMessageContaining("no Bundle-SymbolicName");
    }

    @Test
    void anEntryAddedAfterSigningRefusesTheFile() throws Exception {
        Path signed = signed(bundle("org.example.plugin", "1.0.0"), "vendor");
        Path extended = folder().resolve("extended.jar");
        try (ZipFile in = new ZipFile(signed.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(extended))) {
            for (var entry : Collections.list(in.entries())) {
                out.putNextEntry(new JarEntry(entry.getName()));
                in.getInputStream(entry).transferTo(out);
            }
            out.putNextEntry(new JarEntry("org/example/plugin/Extra.class"));
            out.write(new byte[] {1, 2, 3});
        }
        assertThatThrownBy(() -> ModuleJar.inspect(extended, trusting("vendor", "acme", folder().resolve("ca.pem"))))
                .isInstanceOf(ModuleRefusedException.class).hasMessageContaining("Extra.class is not signed");
    }

    @Test
    void anEntryDeletedAfterSigningRefusesTheFileNamingIt() throws Exception {
        Map<String, byte[]> entries = entries(signed(bundle("org.example.plugin", "1.0.0"), "vendor"));
        entries.remove(OTHER);
        assertRefused(zip(entries), "the signed entry " + OTHER + " is missing");
        // Everything but META-INF gone: the manifest still names what was signed.
        entries.remove(PLUGIN);
        assertRefused(zip(entries), "is missing");
    }

    @Test
    void anEntryRenamedAfterSigningRefusesTheFileNamingIt() throws Exception {
        Map<String, byte[]> entries = entries(signed(bundle("org.example.plugin", "1.0.0"), "vendor"));
        entries.put("org/example/plugin/Renamed.class", entries.remove(OTHER));
        assertRefused(zip(entries), OTHER + " is missing");
        // Renamed into a directory entry's name, where ZipFile.getEntry would still find it under its old name.
        entries = entries(signed(bundle("org.example.plugin", "1.0.0"), "vendor"));
        entries.put(OTHER + "/", entries.remove(OTHER));
        assertRefused(zip(entries), "the directory entry " + OTHER + "/ has content");
    }

    @Test
    void anEntryAddedAnywhereOutsideTheSignatureFilesRefusesTheFile() throws Exception {
        for (String added : List.of("org/example/plugin/Extra.class", "META-INF/services/org.example.Spi",
                "META-INF/versions/17/org/example/plugin/Plugin.class", "META-INF/SIG-EXTRA", "OSGI-INF/extra.xml")) {
            Map<String, byte[]> entries = entries(signed(bundle("org.example.plugin", "1.0.0"), "vendor"));
            entries.put(added, new byte[] {1, 2, 3});
            assertRefused(zip(entries), "the entry " + added + " is not signed");
        }
    }

    @Test
    void aManifestSectionAddedOrRemovedAfterSigningRefusesTheFile() throws Exception {
        Map<String, byte[]> entries = entries(signed(bundle("org.example.plugin", "1.0.0"), "vendor"));
        byte[] extra = {4, 5, 6};
        String digest = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(extra));
        String section = "Name: org/example/plugin/Extra.class\r\nSHA-256-Digest: " + digest + "\r\n\r\n";
        Map<String, byte[]> added = new LinkedHashMap<>(entries);
        added.put(MANIFEST, (manifestText(entries) + section).getBytes(StandardCharsets.UTF_8));
        added.put("org/example/plugin/Extra.class", extra);
        assertRefused(zip(added), "the manifest section org/example/plugin/Extra.class was added after");
        // The same section for an entry that is not there.
        added.remove("org/example/plugin/Extra.class");
        assertRefused(zip(added), "the signed entry org/example/plugin/Extra.class is missing");

        Map<String, byte[]> removed = new LinkedHashMap<>(entries);
        removed.put(MANIFEST, manifestText(entries).replaceAll("Name: " + OTHER + "\r\n[^\r]*\r\n\r\n", "")
                .getBytes(StandardCharsets.UTF_8));
        // The JDK finds this one as it reads the signature file; either way the refusal names the entry.
        assertRefused(zip(removed), "section", OTHER);
    }

    @Test
    void aMainAttributeChangedAfterSigningRefusesTheFile() throws Exception {
        Map<String, byte[]> entries = entries(signed(bundle("org.example.plugin", "1.0.0"), "vendor"));
        entries.put(MANIFEST, manifestText(entries).replace("Bundle-Version: 1.0.0", "Bundle-Version: 1.0.0\r\n"
                + "DynamicImport-Package: *").getBytes(StandardCharsets.UTF_8));
        assertRefused(zip(entries), "main attributes");
    }

    @Test
    void aSignatureFileOrBlockRemovedOrReplacedRefusesTheFile() throws Exception {
        Map<String, byte[]> entries = entries(signed(bundle("org.example.plugin", "1.0.0"), "vendor"));
        Map<String, byte[]> noBlock = new LinkedHashMap<>(entries);
        noBlock.remove("META-INF/SIGNER.EC");
        assertRefused(zip(noBlock), "the signature file META-INF/SIGNER.SF has no signature block");
        Map<String, byte[]> noSignatureFile = new LinkedHashMap<>(entries);
        noSignatureFile.remove("META-INF/SIGNER.SF");
        assertRefused(zip(noSignatureFile), "the signature block META-INF/SIGNER.EC has no signature file");

        Map<String, byte[]> garbage = new LinkedHashMap<>(entries);
        garbage.put("META-INF/SIGNER.EC", new byte[] {0x30, 0x03, 1, 2, 3});
        assertThatThrownBy(() -> ModuleJar.inspect(zip(garbage), acme())).isInstanceOf(ModuleRefusedException.class);
        // The stranger's block over the same signature file: a valid signature, by a key nobody trusts.
        Map<String, byte[]> stranger = entries(signed(bundle("org.example.plugin", "1.0.0"), "stranger"));
        Map<String, byte[]> swapped = new LinkedHashMap<>(entries);
        swapped.put("META-INF/SIGNER.SF", stranger.get("META-INF/SIGNER.SF"));
        swapped.put("META-INF/SIGNER.EC", stranger.get("META-INF/SIGNER.EC"));
        assertThat(ModuleJar.inspect(zip(swapped), acme()).signature().status()).isEqualTo(ModuleJar.Signature.Status.UNTRUSTED);
    }

    @Test
    void aSecondUnknownSignerCountsOnlyWhereTheTrustedKeySignedEverything() throws Exception {
        Path vendor = signed(bundle("org.example.plugin", "1.0.0"), "vendor");
        ModuleJar both = ModuleJar.inspect(signed(vendor, "stranger", "STRANGER"), acme());
        assertThat(both.signature().status()).isEqualTo(ModuleJar.Signature.Status.TRUSTED);
        assertThat(both.signature().publisher().name()).isEqualTo("acme");
        // An entry added and signed by the stranger alone.
        Map<String, byte[]> entries = entries(vendor);
        entries.put("org/example/plugin/Extra.class", new byte[] {7});
        assertRefused(signed(zip(entries), "stranger", "STRANGER"), "org/example/plugin/Extra.class");
    }

    @Test
    void namesThatAnotherReaderWouldReadDifferentlyRefuseTheFile() throws Exception {
        for (String name : List.of("org/example/plugin/../plugin/Evil.class", "/Evil.class", "org\\example\\Evil.class",
                "org//Evil.class", "./Evil.class", "org/Evil\u0000.class")) {
            Map<String, byte[]> entries = entries(signed(bundle("org.example.plugin", "1.0.0"), "vendor"));
            entries.put(name, new byte[] {1});
            assertRefused(zip(entries), "is not a plain path");
        }
        Map<String, byte[]> entries = entries(signed(bundle("org.example.plugin", "1.0.0"), "vendor"));
        entries.put("meta-inf/manifest.mf", entries.get(MANIFEST));
        assertRefused(zip(entries), "the entry meta-inf/manifest.mf is a second spelling");
        // The same name twice: written under a stand-in name of the same length, then renamed in the bytes.
        entries = entries(signed(bundle("org.example.plugin", "1.0.0"), "vendor"));
        entries.put(PLUGIN.replace("class", "clasZ"), new byte[] {9});
        Path twice = zip(entries);
        Files.write(twice, replace(Files.readAllBytes(twice), "Plugin.clasZ", "Plugin.class"));
        assertRefused(twice, "the entry " + PLUGIN + " appears twice");
    }

    @Test
    void aFileWithNothingButItsManifestIsRefusedSignedOrNot() throws Exception {
        Path empty = folder().resolve("empty.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(empty), manifest("org.example.empty", "1.0.0"))) {
            out.putNextEntry(new JarEntry("org/"));
        }
        assertRefused(empty, "the file holds nothing but its manifest");
        assertRefused(signed(empty, "vendor"), "the file holds nothing but its manifest and signature");
    }

    @Test
    void aSignedFileLeftAsSignedIsTrustedDirectoriesIncluded() throws Exception {
        Map<String, byte[]> entries = entries(signed(bundle("org.example.plugin", "1.0.0"), "vendor"));
        assertThat(entries).containsKeys("org/", "org/example/plugin/");
        // Rewritten entry by entry (order and compression may change): still exactly what was signed.
        assertThat(ModuleJar.inspect(zip(entries), acme()).signature().status()).isEqualTo(ModuleJar.Signature.Status.TRUSTED);
    }

    // ---- helpers ----

    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private static void assertRefused(Path jar, String... reason) {
        assertThatThrownBy(() -> ModuleJar.inspect(jar, acme())).isInstanceOf(ModuleRefusedException.class)
                .hasMessageContainingAll(reason);
    }

    private static TrustStore acme() throws IOException {
        return trusting("vendor", "acme", folder().resolve("ca.pem"));
    }

    /** The entries of a jar by name, in order. */
    private static Map<String, byte[]> entries(Path jar) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(zip.entries())) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    /** A jar of exactly these entries, as someone changing a signed file would write it. */
    private static Path zip(Map<String, byte[]> entries) throws IOException {
        Path jar = Files.createTempFile(folder(), "changed", ".jar");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    private static String manifestText(Map<String, byte[]> entries) {
        return new String(entries.get(MANIFEST), StandardCharsets.UTF_8);
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }







}
