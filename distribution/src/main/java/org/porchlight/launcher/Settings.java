package org.porchlight.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The handful of settings a container sets through the environment. Everything else is in
 * {@code etc/}.
 *
 * @param home         the distribution folder
 * @param data         where the embedded database and runtime state live
 * @param httpPort     the HTTP port
 * @param httpHost     the address to listen on; {@code 0.0.0.0} for all
 * @param database     {@code PORCHLIGHT_DB_URL}, {@code _USER}, {@code _PASSWORD}; empty values when unset
 * @param console      whether to run the interactive Gogo shell
 * @param startTimeout how long to wait for {@code /api/health} to answer UP
 */
record Settings(Path home, Path data, int httpPort, String httpHost, Map<String, String> database, boolean console,
        Duration startTimeout) {

    static final String USAGE = "usage: porchlight [--console]";

    static Settings from(Path home, Map<String, String> env, List<String> args) throws StartupFailure {
        boolean console = false;
        for (String arg : args) {
            if (arg.equals("--console")) {
                console = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                throw new StartupFailure(USAGE);
            } else {
                throw new StartupFailure("unknown argument '" + arg + "'; " + USAGE);
            }
        }
        String dataSetting = env.getOrDefault("PORCHLIGHT_DATA", "");
        Path data = (dataSetting.isBlank() ? home.resolve("data") : Path.of(dataSetting)).toAbsolutePath().normalize();
        int port = number(env, "PORCHLIGHT_HTTP_PORT", 8080, 1, 65535);
        String host = env.getOrDefault("PORCHLIGHT_HTTP_HOST", "").isBlank() ? "0.0.0.0" : env.get("PORCHLIGHT_HTTP_HOST").trim();
        int timeout = number(env, "PORCHLIGHT_START_TIMEOUT", 120, 1, 3600);
        Map<String, String> database = Map.of(
                "porchlight.db.url", env.getOrDefault("PORCHLIGHT_DB_URL", ""),
                "porchlight.db.user", env.getOrDefault("PORCHLIGHT_DB_USER", ""),
                "porchlight.db.password", env.getOrDefault("PORCHLIGHT_DB_PASSWORD", ""));
        String url = database.get("porchlight.db.url");
        if (!url.isBlank() && !url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new StartupFailure("PORCHLIGHT_DB_URL must be a jdbc:postgresql:// URL (or jdbc:h2:), got '"
                    + url.replaceAll("[?;].*", "") + "'");
        }
        // etc/logback.xml picks its appender by this name: any other value would leave the server without a log.
        String logFormat = env.get("PORCHLIGHT_LOG_FORMAT");
        if (logFormat != null && !logFormat.equals("text") && !logFormat.equals("json")) {
            throw new StartupFailure("PORCHLIGHT_LOG_FORMAT must be text or json, got '" + logFormat + "'");
        }
        return new Settings(home, data, port, host, database, console, Duration.ofSeconds(timeout));
    }

    private static int number(Map<String, String> env, String name, int fallback, int min, int max) throws StartupFailure {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StartupFailure(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }

    /** Where the launcher itself finds the server: loopback when it listens on all addresses. */
    String localBaseUrl() {
        String host = httpHost.equals("0.0.0.0") || httpHost.equals("::") ? "127.0.0.1" : httpHost;
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + httpPort;
    }
}
