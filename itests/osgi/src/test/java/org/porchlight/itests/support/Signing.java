package org.porchlight.itests.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPath;
import java.security.cert.CertificateFactory;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import jdk.security.jarsigner.JarSigner;

/**
 * Test signing keys and signed copies of the fixture bundles, made the way a vendor makes them:
 * keys with the JDK's {@code keytool}, signatures with the JDK's jar signer. Runs in the test JVM
 * before the framework boots. The "vendor" key's certificate goes into every scratch home's
 * trust store ({@code etc/trust/vendor/itest.pem}), the "agency" key's as agency OWNA's
 * ({@code etc/trust/agency/OWNA.pem}); the "stranger" key is trusted nowhere.
 */
public final class Signing {

    private static final String PASSWORD = "itest-only";

    private static boolean made;

    private Signing() {
    }

    public static Path folder() {
        return Fixtures.work().resolve("signing");
    }

    /** The trusted vendor's certificate (PEM), of this JVM's keys. */
    public static Path vendorCertificate() {
        makeKeys();
        return folder().resolve("vendor.pem");
    }

    /** The certificate of the key trusted for agency {@code OWNA} alone (PEM), of this JVM's keys. */
    public static Path agencyCertificate() {
        makeKeys();
        return folder().resolve("agency.pem");
    }

    /**
     * Makes both keys and the vendor's certificate, once per JVM and afresh (never a previous run's),
     * before anything copies the certificate or signs with them, whichever asks first.
     */
    static synchronized void makeKeys() {
        if (made) {
            return;
        }
        made = true;
        try {
            Files.createDirectories(folder());
            for (String name : List.of("vendor", "stranger", "agency")) {
                Path store = folder().resolve(name + ".p12");
                Files.deleteIfExists(store);
                keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "30",
                        "-dname", "CN=Porchlight itest " + name + ", O=Porchlight tests", "-storetype", "PKCS12",
                        "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
            }
            for (String name : List.of("vendor", "agency")) {
                Path certificate = folder().resolve(name + ".pem");
                Files.deleteIfExists(certificate);
                keytool("-exportcert", "-rfc", "-alias", name, "-keystore", folder().resolve(name + ".p12").toString(),
                        "-storepass", PASSWORD, "-file", certificate.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Signs {@code jar} with the named key ("vendor", "agency" or "stranger") into {@code signed}. */
    public static void sign(Path jar, Path signed, String key) {
        try (InputStream in = Files.newInputStream(folder().resolve(key + ".p12"))) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            PrivateKey privateKey = (PrivateKey) store.getKey(key, PASSWORD.toCharArray());
            CertPath chain = CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(store.getCertificateChain(key)));
            Files.createDirectories(signed.getParent());
            try (ZipFile zip = new ZipFile(jar.toFile()); OutputStream out = Files.newOutputStream(signed)) {
                new JarSigner.Builder(privateKey, chain).signerName(key.toUpperCase()).build().sign(zip, out);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not sign " + jar + " with " + key, e);
        }
    }

    private static void keytool(String... arguments) throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
