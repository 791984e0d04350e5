package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipFile;

import jdk.security.jarsigner.JarSigner;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures checked against the trust store, with real keys from keytool and the JDK's jar signer. */
class ModuleJarTest {

    private static final String PASSWORD = "unit-test-only";

    @TempDir
    static Path folder;

    @BeforeAll
    static void keys() throws Exception {
        // A CA, a vendor key the CA certified, and a stranger with a self-signed certificate.
        for (String name : List.of("ca", "vendor", "stranger")) {
            List<String> arguments = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1",
                    "-validity", "30", "-dname", "CN=" + name, "-storetype", "PKCS12", "-keystore", store(name).toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD));
            if (name.equals("ca")) {
                arguments.addAll(List.of("-ext", "bc:c"));
            }
            keytool(arguments.toArray(String[]::new));
        }
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", store("ca").toString(), "-storepass", PASSWORD,
                "-file", folder.resolve("ca.pem").toString());
        keytool("-certreq", "-alias", "vendor", "-keystore", store("vendor").toString(), "-storepass", PASSWORD,
                "-file", folder.resolve("vendor.csr").toString());
        keytool("-gencert", "-alias", "ca", "-keystore", store("ca").toString(), "-storepass", PASSWORD, "-validity", "30",
                "-infile", folder.resolve("vendor.csr").toString(), "-outfile", folder.resolve("vendor.pem").toString(), "-rfc");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", folder.resolve("ca.pem").toString(), "-keystore",
                store("vendor").toString(), "-storepass", PASSWORD);
        keytool("-importcert", "-alias", "vendor", "-file", folder.resolve("vendor.pem").toString(), "-keystore",
                store("vendor").toString(), "-storepass", PASSWORD);
    }

    @Test
    void aKeyThatATrustedCaCertifiedIsTrustedWithTheCasProvenance() throws Exception {
        TrustStore trust = trusting("vendor", "acme", folder.resolve("ca.pem"));
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
        TrustStore trust = trusting("agency", "kcpd", folder.resolve("vendor.pem"));
        ModuleJar stranger = ModuleJar.inspect(signed(bundle("org.example.plugin", "1.0.0"), "stranger"), trust);
        assertThat(stranger.signature().status()).isEqualTo(ModuleJar.Signature.Status.UNTRUSTED);
        assertThat(stranger.signature().describe()).contains("CN=stranger");
        // The vendor's own certificate pinned in agency/: trusted as the agency's.
        ModuleJar pinned = ModuleJar.inspect(signed(bundle("org.example.plugin", "1.0.0"), "vendor"), trust);
        assertThat(pinned.signature().publisher().provenance()).isEqualTo(Provenance.AGENCY);
        // Nothing trusted at all: the CA in the signature proves nothing by itself.
        ModuleJar untrusted = ModuleJar.inspect(signed(bundle("org.example.plugin", "1.0.0"), "vendor"),
                new TrustStore(Files.createTempDirectory(folder, "empty")));
        assertThat(untrusted.signature().status()).isEqualTo(ModuleJar.Signature.Status.UNTRUSTED);
    }

    @Test
    void unsignedFilesAndFilesThatAreNotBundlesAreToldApart() throws Exception {
        TrustStore trust = trusting("vendor", "acme", folder.resolve("ca.pem"));
        assertThat(ModuleJar.inspect(bundle("org.example.plugin", "1.0.0"), trust).signature().status())
                .isEqualTo(ModuleJar.Signature.Status.UNSIGNED);
        Path plain = folder.resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plain), manifest(null, null))) {
            out.putNextEntry(new JarEntry("a.txt"));
        }
        assertThatThrownBy(() -> ModuleJar.inspect(plain, trust)).isInstanceOf(ModuleRefusedException.class)
                .hasMessageContaining("no Bundle-SymbolicName");
    }

    @Test
    void anEntryAddedAfterSigningRefusesTheFile() throws Exception {
        Path signed = signed(bundle("org.example.plugin", "1.0.0"), "vendor");
        Path extended = folder.resolve("extended.jar");
        try (ZipFile in = new ZipFile(signed.toFile());
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(extended))) {
            for (var entry : java.util.Collections.list(in.entries())) {
                out.putNextEntry(new JarEntry(entry.getName()));
                in.getInputStream(entry).transferTo(out);
            }
            out.putNextEntry(new JarEntry("org/example/plugin/Extra.class"));
            out.write(new byte[] {1, 2, 3});
        }
        assertThatThrownBy(() -> ModuleJar.inspect(extended, trusting("vendor", "acme", folder.resolve("ca.pem"))))
                .isInstanceOf(ModuleRefusedException.class).hasMessageContaining("Extra.class is not signed");
    }

    // ---- helpers ----

    private static TrustStore trusting(String provenance, String name, Path certificate) throws IOException {
        Path root = Files.createTempDirectory(folder, "trust");
        Files.createDirectories(root.resolve(provenance));
        Files.copy(certificate, root.resolve(provenance).resolve(name + ".pem"));
        return new TrustStore(root);
    }

    private static Path bundle(String symbolicName, String version) throws IOException {
        Path jar = Files.createTempFile(folder, "bundle", ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest(symbolicName, version))) {
            out.putNextEntry(new JarEntry("org/example/plugin/Plugin.class"));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
        }
        return jar;
    }

    private static Manifest manifest(String symbolicName, String version) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
            manifest.getMainAttributes().putValue("Bundle-Version", version);
        }
        return manifest;
    }

    private static Path signed(Path jar, String key) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store(key))) {
            store.load(in, PASSWORD.toCharArray());
        }
        PrivateKey privateKey = (PrivateKey) store.getKey(key, PASSWORD.toCharArray());
        var chain = CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(store.getCertificateChain(key)));
        Path signed = Files.createTempFile(folder, "signed", ".jar");
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(signed)) {
            new JarSigner.Builder(privateKey, chain).build().sign(zip, out);
        }
        return signed;
    }

    private static Path store(String name) {
        return folder.resolve(name + ".p12");
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
        }
    }
}
