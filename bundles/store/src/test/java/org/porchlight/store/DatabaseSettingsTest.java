package org.porchlight.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseSettingsTest {

    @Test
    void configuredUrlWinsOverTheEnvironment() {
        DatabaseSettings settings = DatabaseSettings.resolve(config("jdbc:postgresql://db:5432/porchlight", "app", "s3cret"),
                Map.of(DatabaseSettings.URL_PROPERTY, "jdbc:postgresql://other/x")::get);
        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db:5432/porchlight");
        assertThat(settings.user()).isEqualTo("app");
        assertThat(settings.password()).isEqualTo("s3cret");
        assertThat(settings.isPostgres()).isTrue();
        assertThat(settings.source()).contains("org.porchlight.store");
    }

    @Test
    void environmentIsUsedWhenNothingIsConfigured() {
        DatabaseSettings settings = DatabaseSettings.resolve(config("", "", ""), Map.of(
                DatabaseSettings.URL_PROPERTY, "jdbc:postgresql://127.0.0.1:5432/test",
                DatabaseSettings.USER_PROPERTY, "porchlight")::get);
        assertThat(settings.url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(settings.user()).isEqualTo("porchlight");
        assertThat(settings.password()).isEmpty();
        assertThat(settings.source()).isEqualTo("PORCHLIGHT_DB_URL");
    }

    @Test
    void defaultIsEmbeddedH2InPostgresModeUnderTheDataFolder() {
        DatabaseSettings settings = DatabaseSettings.resolve(config("", "", ""),
                Map.of(DatabaseSettings.DATA_PROPERTY, "/srv/porchlight/data")::get);
        assertThat(settings.isH2()).isTrue();
        assertThat(settings.url()).startsWith("jdbc:h2:retry:file:" + Path.of("/srv/porchlight/data/db/porchlight"))
                .contains("MODE=PostgreSQL")
                .as("the store, not H2's shutdown hook, closes the database").contains(";DB_CLOSE_ON_EXIT=FALSE;")
                .as("each commit is written before it returns, not half a second later").endsWith(";WRITE_DELAY=0");
    }

    @Test
    void threadsInterruptedWhileTheyWriteDoNotCloseTheEmbeddedDatabase(@TempDir Path data) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(DatabaseSettings.embeddedUrl(data.resolve("db/porchlight")));
        h2.setUser("porchlight");
        try (Connection reader = h2.getConnection(); Statement s = reader.createStatement()) {
            s.execute("CREATE TABLE t (n INT PRIMARY KEY, v VARCHAR(1000))");
            int rows = 3_000;
            AtomicReference<Exception> failure = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try (Connection c = h2.getConnection();
                     PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
                    for (int n = 0; n < rows; n++) {
                        insert.setInt(1, n);
                        insert.setString(2, "x".repeat(900));
                        insert.executeUpdate();
                    }
                } catch (Exception e) {
                    failure.set(e);
                }
            });
            writer.start();
            while (writer.isAlive()) {
                writer.interrupt();
                writer.join(5);
            }
            assertThat(failure.get()).as("the interrupted writer's statements").isNull();
            try (ResultSet count = s.executeQuery("SELECT COUNT(*) FROM t")) {
                count.next();
                assertThat(count.getInt(1)).as("rows written by the interrupted writer").isEqualTo(rows);
            }
        }
    }

    @Test
    void neitherTheSafeUrlNorToStringShowCredentials() {
        DatabaseSettings settings = DatabaseSettings.resolve(
                config("jdbc:postgresql://db/app?user=u&password=hunter2", "u", "hunter2"), k -> null);
        assertThat(settings.safeUrl()).isEqualTo("jdbc:postgresql://db/app");
        assertThat(settings.toString()).doesNotContain("hunter2");
    }

    private static StoreConfiguration config(String url, String user, String password) {
        return new StoreConfiguration() {
            @Override public Class<? extends Annotation> annotationType() { return StoreConfiguration.class; }
            @Override public String url() { return url; }
            @Override public String user() { return user; }
            @Override public String _password() { return password; }
            @Override public int maxPoolSize() { return 10; }
            @Override public int connectTimeoutSeconds() { return 10; }
        };
    }
}
