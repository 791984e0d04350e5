package org.porchlight.store;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * Where the database is and how to log in, resolved from configuration, then the framework
 * properties the launcher fills from the environment, then the embedded default.
 */
record DatabaseSettings(String url, String user, String password, String source) {

    static final String URL_PROPERTY = "porchlight.db.url";
    static final String USER_PROPERTY = "porchlight.db.user";
    static final String PASSWORD_PROPERTY = "porchlight.db.password";
    static final String DATA_PROPERTY = "porchlight.data";

    static DatabaseSettings resolve(StoreConfiguration config, UnaryOperator<String> frameworkProperty) {
        if (!config.url().isBlank()) {
            return new DatabaseSettings(config.url().trim(), config.user(), config._password(),
                    "configuration " + StoreConfiguration.PID);
        }
        String url = frameworkProperty.apply(URL_PROPERTY);
        if (url != null && !url.isBlank()) {
            return new DatabaseSettings(url.trim(), orEmpty(frameworkProperty.apply(USER_PROPERTY)),
                    orEmpty(frameworkProperty.apply(PASSWORD_PROPERTY)), "PORCHLIGHT_DB_URL");
        }
        String data = frameworkProperty.apply(DATA_PROPERTY);
        Path file = Path.of(data == null || data.isBlank() ? "data" : data, "db", "porchlight").toAbsolutePath();
        return new DatabaseSettings(embeddedUrl(file), "porchlight", "", "embedded default");
    }

    /**
     * H2 in PostgreSQL mode, so that every migration runs unchanged on both databases, with every
     * commit written to the file before it returns ({@code WRITE_DELAY=0}; H2's default writes up
     * to half a second later, and a killed process lost acknowledged changes). The store closes the
     * database when it stops ({@code DB_CLOSE_ON_EXIT=FALSE}): H2's own shutdown hook closed it while
     * the launcher's hook was still stopping the bundles, so their last writes (the final audit
     * checkpoint, requests in flight) failed with "Database is already closed". The file is opened
     * through H2's {@code retry:} file system: a thread interrupted while it reads or writes (a
     * scheduler stopped with {@code shutdownNow}, Jetty or Felix stopping a thread) closes a plain
     * {@code FileChannel}, and H2 then closed the whole database for every module; {@code retry:}
     * reopens the file and finishes the operation instead.
     */
    static String embeddedUrl(Path file) {
        return "jdbc:h2:retry:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    boolean isPostgres() {
        return url.startsWith("jdbc:postgresql:");
    }

    boolean isH2() {
        return url.startsWith("jdbc:h2:");
    }

    /** The URL without anything after {@code ?} or {@code ;}, where credentials could hide: safe to log. */
    String safeUrl() {
        int cut = url.length();
        for (char c : new char[] {'?', ';'}) {
            int i = url.indexOf(c);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        return url.substring(0, cut);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[" + safeUrl() + " from " + source + "]";
    }
}
