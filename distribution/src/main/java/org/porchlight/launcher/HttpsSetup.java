package org.porchlight.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Map;

/**
 * The built-in server's HTTPS as {@code etc/config.properties} sets it with Felix HTTP's own properties,
 * checked before the framework starts: the keystore opens and holds a key, and its password comes from
 * outside that file ({@value #PASSWORD_VARIABLE}, else the file {@value #PASSWORD_FILE} names), so that
 * it is in no configuration file that gets copied around and never in the log.
 */
final class HttpsSetup {

    static final String ENABLE = "org.apache.felix.https.enable";
    static final String PORT = "org.osgi.service.http.port.secure";
    static final String KEYSTORE = "org.apache.felix.https.keystore";
    static final String KEYSTORE_TYPE = "org.apache.felix.https.keystore.type";
    static final String PASSWORD = "org.apache.felix.https.keystore.password";
    static final String KEY_PASSWORD = "org.apache.felix.https.keystore.key.password";
    static final String PASSWORD_FILE = "porchlight.https.keystore.passwordFile";
    static final String PASSWORD_VARIABLE = "PORCHLIGHT_HTTPS_KEYSTORE_PASSWORD";

    private HttpsSetup() {
    }

    /**
     * Checks the HTTPS settings among the framework {@code properties} and adds the keystore password.
     *
     * @return the HTTPS port, or 0 when HTTPS is off
     */
    static int apply(Map<String, String> properties, Map<String, String> env) throws StartupFailure {
        for (String secret : new String[] {PASSWORD, KEY_PASSWORD}) {
            if (!properties.getOrDefault(secret, "").isBlank()) {
                throw new StartupFailure("etc/config.properties must not hold the keystore password (" + secret + "): remove "
                        + "it and set " + PASSWORD_VARIABLE + ", or write it to the file that " + PASSWORD_FILE + " names");
            }
        }
        if (!Boolean.parseBoolean(properties.getOrDefault(ENABLE, "false").trim())) {
            return 0;
        }
        int port = port(properties.getOrDefault(PORT, ""));
        String keystoreSetting = properties.getOrDefault(KEYSTORE, "");
        if (keystoreSetting.isBlank()) {
            throw new StartupFailure("HTTPS is on (" + ENABLE + ") but " + KEYSTORE
                    + " names no keystore in etc/config.properties");
        }
        Path keystore = Path.of(keystoreSetting.trim());
        String type = properties.getOrDefault(KEYSTORE_TYPE, "").isBlank() ? "PKCS12" : properties.get(KEYSTORE_TYPE).trim();
        Password password = password(properties, env);
        check(keystore, type, password);
        properties.put(PASSWORD, password.value());
        return port;
    }

    private record Password(String value, String source) {
    }

    private static Password password(Map<String, String> properties, Map<String, String> env) throws StartupFailure {
        String variable = env.getOrDefault(PASSWORD_VARIABLE, "");
        if (!variable.isEmpty()) {
            return new Password(variable, PASSWORD_VARIABLE);
        }
        String fileSetting = properties.getOrDefault(PASSWORD_FILE, "");
        if (fileSetting.isBlank() || !Files.exists(Path.of(fileSetting.trim()))) {
            throw new StartupFailure("HTTPS is on but there is no keystore password: set " + PASSWORD_VARIABLE + ", or write it "
                    + "to " + (fileSetting.isBlank() ? "a file and name it in " + PASSWORD_FILE : fileSetting.trim()));
        }
        Path file = Path.of(fileSetting.trim());
        try {
            // One line; the line break an editor adds is not part of the password.
            String value = Files.readString(file, StandardCharsets.UTF_8).replaceFirst("\\r?\\n\\z", "");
            if (value.isEmpty()) {
                throw new StartupFailure("The keystore password file " + file + " is empty");
            }
            return new Password(value, file.toString());
        } catch (IOException e) {
            throw new StartupFailure("The keystore password file " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); let the server's user read it");
        }
    }

    private static void check(Path keystore, String type, Password password) throws StartupFailure {
        if (!Files.isRegularFile(keystore)) {
            throw new StartupFailure("The HTTPS keystore " + keystore + " does not exist; make one "
                    + "(docs/operations.md, \"HTTPS\") "
                    + "or point " + KEYSTORE + " in etc/config.properties at it");
        }
        KeyStore store;
        try (InputStream in = Files.newInputStream(keystore)) {
            store = KeyStore.getInstance(type);
            store.load(in, password.value().toCharArray());
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new StartupFailure("The HTTPS keystore " + keystore + " does not open with the password from "
                        + password.source() + "; is it the password the keystore was exported with?");
            }
            throw new StartupFailure("The HTTPS keystore " + keystore + " cannot be read as " + type + " ("
                    + e.getMessage() + ")");
        } catch (GeneralSecurityException e) {
            throw new StartupFailure("The HTTPS keystore " + keystore + " cannot be read as " + type + " ("
                    + e.getMessage() + ")");
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return;
                }
            }
        } catch (GeneralSecurityException e) {
            throw new StartupFailure("The HTTPS keystore " + keystore + " cannot be read (" + e.getMessage() + ")");
        }
        throw new StartupFailure("The HTTPS keystore " + keystore + " holds no private key, only certificates; export the key "
                + "with its certificate chain (docs/operations.md, \"HTTPS\")");
    }

    private static int port(String value) throws StartupFailure {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StartupFailure(PORT + " in etc/config.properties must be a port from 1 to 65535, got '" + value + "'");
    }
}
