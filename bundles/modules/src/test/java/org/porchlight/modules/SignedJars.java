package org.porchlight.modules;

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

/**
 * Real keys made with keytool (a CA, a "vendor" key the CA certified, a self-signed "stranger") and bundles
 * signed with the JDK's jar signer, made once per test JVM in a temporary folder.
 */
final class SignedJars {

    static final String PLUGIN = "org/example/plugin/Plugin.class";
    static final String OTHER = "org/example/plugin/Other.class";
    private static final String PASSWORD = "unit-test-only";
    private static Path folder;

    private SignedJars() {
    }

    /** The folder of the keys, certificates ({@code ca.pem}, {@code vendor.pem}) and jars; the keys are made on first use. */
    static synchronized Path folder() {
        if (folder == null) {
            try {
                folder = Files.createTempDirectory("module-keys");
                makeKeys();
            } catch (Exception e) {
                throw new IllegalStateException("could not make the test keys", e);
            }
        }
        return folder;
    }

    private static void makeKeys() throws Exception {
        // A CA, a vendor key the CA certified, and a stranger with a self-signed certificate.
        for (String name : List.of("ca", "vendor", "stranger")) {
            List<String> arguments = new ArrayList<>(List.of("-genkeypair", "-alias", name, "-keyalg", "EC",
                    "-groupname", "secp256r1",
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

    static TrustStore trusting(String provenance, String name, Path certificate) throws IOException {
        Path root = Files.createTempDirectory(folder(), "trust");
        Files.createDirectories(root.resolve(provenance));
        Files.copy(certificate, root.resolve(provenance).resolve(name + ".pem"));
        return new TrustStore(root);
    }

    static Path bundle(String symbolicName, String version) throws IOException {
        return bundle(symbolicName, version, new byte[] {(byte) 0xBA, (byte) 0xBE});
    }

    /** A bundle with two classes and their folders; {@code other} is the content of {@link #OTHER}. */
    static Path bundle(String symbolicName, String version, byte[] other) throws IOException {
        Path jar = Files.createTempFile(folder(), "bundle", ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest(symbolicName, version))) {
            for (String directory : List.of("org/", "org/example/", "org/example/plugin/")) {
                out.putNextEntry(new JarEntry(directory));
            }
            out.putNextEntry(new JarEntry(PLUGIN));
            out.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
            out.putNextEntry(new JarEntry(OTHER));
            out.write(other);
        }
        return jar;
    }

    static Manifest manifest(String symbolicName, String version) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", "2");
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
            manifest.getMainAttributes().putValue("Bundle-Version", version);
        }
        return manifest;
    }

    static Path signed(Path jar, String key) throws Exception {
        return signed(jar, key, "SIGNER");
    }

    static Path signed(Path jar, String key, String signerName) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store(key))) {
            store.load(in, PASSWORD.toCharArray());
        }
        PrivateKey privateKey = (PrivateKey) store.getKey(key, PASSWORD.toCharArray());
        var chain = CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(store.getCertificateChain(key)));
        Path signed = Files.createTempFile(folder(), "signed", ".jar");
        try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(signed)) {
            new JarSigner.Builder(privateKey, chain).signerName(signerName).build().sign(zip, out);
        }
        return signed;
    }

    private static Path store(String name) {
        return folder().resolve(name + ".p12");
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
