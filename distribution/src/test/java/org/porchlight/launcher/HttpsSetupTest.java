package org.porchlight.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.testing.Keytool;

class HttpsSetupTest {

    private static final String PASSWORD = "unit test keystore pass";

    @TempDir
    static Path folder;
    private static Path keystore;

    @BeforeAll
    static void makeKeystore() throws Exception {
        keystore = folder.resolve("keystore.p12");
        Keytool.run("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=localhost", "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", PASSWORD);
        Keytool.run("-exportcert", "-alias", "server", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", folder.resolve("server.cer").toString());
        Keytool.run("-importcert", "-noprompt", "-alias", "ca", "-file", folder.resolve("server.cer").toString(), "-storetype",
                "PKCS12", "-keystore", folder.resolve("certs-only.p12").toString(), "-storepass", PASSWORD);
    }

    private static Map<String, String> on(Path store, Path passwordFile) {
        Map<String, String> properties = new HashMap<>(Map.of(HttpsSetup.ENABLE, "true", HttpsSetup.PORT, "8443",
                HttpsSetup.KEYSTORE, store.toString(), HttpsSetup.KEYSTORE_TYPE, "PKCS12"));
        properties.put(HttpsSetup.PASSWORD_FILE, passwordFile.toString());
        return properties;
    }

    @Test
    void offByDefaultWithNothingToCheck() throws Exception {
        assertThat(HttpsSetup.apply(new HashMap<>(Map.of(HttpsSetup.ENABLE, "false")), Map.of())).isZero();
    }

    @Test
    void thePasswordComesFromTheEnvironmentOrElseFromItsFileWithoutTheLineBreak() throws Exception {
        Map<String, String> fromEnv = on(keystore, folder.resolve("absent"));
        assertThat(HttpsSetup.apply(fromEnv, Map.of(HttpsSetup.PASSWORD_VARIABLE, PASSWORD))).isEqualTo(8443);
        assertThat(fromEnv).containsEntry(HttpsSetup.PASSWORD, PASSWORD);

        Path file = Files.writeString(folder.resolve("keystore.password"), PASSWORD + "\n");
        Map<String, String> fromFile = on(keystore, file);
        assertThat(HttpsSetup.apply(fromFile, Map.of())).isEqualTo(8443);
        assertThat(fromFile).containsEntry(HttpsSetup.PASSWORD, PASSWORD);
    }

    @Test
    void aPasswordInConfigPropertiesStopsTheStartEvenWithHttpsOff() {
        Map<String, String> properties = new HashMap<>(Map.of(HttpsSetup.ENABLE, "false", HttpsSetup.PASSWORD, "in the file"));
        assertThatThrownBy(() -> HttpsSetup.apply(properties, Map.of())).isInstanceOf(StartupFailure.class)
                .hasMessageContaining("must not hold the keystore password").hasMessageNotContaining("in the file");
    }

    @Test
    void eachMistakeIsOneLineThatSaysWhatToFixAndNeverShowsThePassword() throws Exception {
        Map<String, String> wrong = Map.of(HttpsSetup.PASSWORD_VARIABLE, "not the password");
        assertThatThrownBy(() -> HttpsSetup.apply(on(keystore, folder.resolve("absent")), wrong))
                .hasMessageContaining("does not open with the password from PORCHLIGHT_HTTPS_KEYSTORE_PASSWORD")
                .hasMessageNotContaining("not the password");
        assertThatThrownBy(() -> HttpsSetup.apply(on(keystore, folder.resolve("absent")), Map.of()))
                .hasMessageContaining("no keystore password").hasMessageContaining(folder.resolve("absent").toString());
        Map<String, String> env = Map.of(HttpsSetup.PASSWORD_VARIABLE, PASSWORD);
        assertThatThrownBy(() -> HttpsSetup.apply(on(folder.resolve("missing.p12"), folder), env))
                .hasMessageContaining("missing.p12 does not exist");
        assertThatThrownBy(() -> HttpsSetup.apply(on(folder.resolve("certs-only.p12"), folder), env))
                .hasMessageContaining("holds no private key");
        Map<String, String> badPort = on(keystore, folder);
        badPort.put(HttpsSetup.PORT, "http");
        assertThatThrownBy(() -> HttpsSetup.apply(badPort, env))
                .hasMessageContaining("must be a port from 1 to 65535, got 'http'");
    }
}
