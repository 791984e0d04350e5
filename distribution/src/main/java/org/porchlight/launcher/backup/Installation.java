package org.porchlight.launcher.backup;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Where an installation keeps what a backup holds, read as the server reads it: the environment
 * ({@code PORCHLIGHT_DATA}, {@code PORCHLIGHT_DB_*}, {@code PORCHLIGHT_EVIDENCE_KEY}) and the
 * files in {@code etc/}. Relative paths in {@code etc/} count from the installation's folder.
 *
 * @param home                  the installation
 * @param data                  the data folder
 * @param database              the database the server uses
 * @param evidence              the built-in evidence store's folder
 * @param keys                  the key files, by the name they have in a backup
 * @param evidenceKeyFromEnvironment whether the evidence master key comes from
 *                              {@code PORCHLIGHT_EVIDENCE_KEY} (then no backup holds it)
 */
record Installation(Path home, Path data, Database database, Path evidence, List<KeyFile> keys,
        boolean evidenceKeyFromEnvironment) {

    static final String EVIDENCE_KEY_VARIABLE = "PORCHLIGHT_EVIDENCE_KEY";

    /** A key file: its name in a backup's {@code keys/} and where this installation keeps it. */
    record KeyFile(String name, Path path) {
    }

    /** The database's URL and login; {@code url} is the embedded H2 one unless another is set. */
    record Database(String url, String user, String password) {

        boolean postgres() {
            return url.startsWith("jdbc:postgresql:");
        }

        /** The URL up to its first {@code ;} or {@code ?}, where credentials could hide. */
        String safeUrl() {
            return url.replaceAll("[?;].*", "");
        }
    }

    static Installation of(Path home, Map<String, String> env) throws IOException {
        String dataSetting = env.getOrDefault("PORCHLIGHT_DATA", "");
        Path data = (dataSetting.isBlank() ? home.resolve("data") : Path.of(dataSetting)).toAbsolutePath().normalize();
        Properties store = cfg(home, "org.porchlight.store");
        Database database;
        if (!store.getProperty("url", "").isBlank()) {
            database = new Database(store.getProperty("url").strip(), store.getProperty("user", "").strip(),
                    store.getProperty(".password", ""));
        } else if (!env.getOrDefault("PORCHLIGHT_DB_URL", "").isBlank()) {
            database = new Database(env.get("PORCHLIGHT_DB_URL").strip(), env.getOrDefault("PORCHLIGHT_DB_USER", ""),
                    env.getOrDefault("PORCHLIGHT_DB_PASSWORD", ""));
        } else {
            database = new Database(embeddedUrl(data.resolve("db").resolve("porchlight")), "porchlight", "");
        }
        Properties evidenceCfg = cfg(home, "org.porchlight.evidence");
        Path evidence = path(home, evidenceCfg.getProperty("filesFolder", ""), data.resolve("evidence"));
        Properties identity = cfg(home, "org.porchlight.identity");
        Properties audit = cfg(home, "org.porchlight.audit");
        Path secrets = data.resolve("secrets");
        List<KeyFile> keys = new ArrayList<>(List.of(
                new KeyFile("token-signing.jwks", path(home, identity.getProperty("signingKeysFile", ""),
                        secrets.resolve("token-signing.jwks"))),
                new KeyFile("pseudonym.key", path(home, identity.getProperty("pseudonymKeyFile", ""),
                        secrets.resolve("pseudonym.key"))),
                new KeyFile("audit-checkpoint.key", path(home, audit.getProperty("checkpointKeyFile", ""),
                        secrets.resolve("audit-checkpoint.key")))));
        boolean fromEnvironment = !env.getOrDefault(EVIDENCE_KEY_VARIABLE, "").isBlank();
        if (!fromEnvironment) {
            keys.add(new KeyFile("evidence-master.key", path(home, evidenceCfg.getProperty("masterKeyFile", ""),
                    home.resolve("etc").resolve("evidence-master.key"))));
        }
        return new Installation(home, data, database, evidence, List.copyOf(keys), fromEnvironment);
    }

    /** The embedded database's URL with the settings of the store bundle's (DatabaseSettings) that decide how it reads. */
    static String embeddedUrl(Path file) {
        return "jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    /** The settings H2 needs to open a copy of the database read-only (in a zip or a folder). */
    static String readOnlyUrl(String location) {
        return "jdbc:h2:" + location + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;ACCESS_MODE_DATA=r";
    }

    /** The file the embedded database keeps everything in. */
    Path embeddedFile() {
        return data.resolve("db").resolve("porchlight.mv.db");
    }

    boolean embedded() {
        return database.url().equals(embeddedUrl(data.resolve("db").resolve("porchlight")));
    }

    /** The local socket of a running server's online backup (the store bundle's BackupChannel). */
    Path backupSocket() {
        return data.resolve("control").resolve("backup.sock");
    }

    private static Properties cfg(Path home, String pid) throws IOException {
        Properties properties = new Properties();
        Path file = home.resolve("etc").resolve(pid + ".cfg");
        if (Files.isRegularFile(file)) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                properties.load(in);
            }
        }
        return properties;
    }

    private static Path path(Path home, String configured, Path fallback) {
        String value = configured == null ? "" : configured.strip();
        return value.isEmpty() ? fallback.toAbsolutePath().normalize() : home.resolve(value).toAbsolutePath().normalize();
    }
}
