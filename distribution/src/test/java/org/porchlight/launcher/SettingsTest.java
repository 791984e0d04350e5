package org.porchlight.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SettingsTest {

    private final Path home = Path.of("/opt/porchlight");

    @Test
    void defaultsServeOnPort8080WithDataUnderTheHome() throws Exception {
        Settings settings = Settings.from(home, Map.of(), List.of());
        assertThat(settings.httpPort()).isEqualTo(8080);
        assertThat(settings.data()).isEqualTo(Path.of("/opt/porchlight/data"));
        assertThat(settings.console()).isFalse();
        assertThat(settings.localBaseUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(settings.database().get("porchlight.db.url")).isEmpty();
    }

    @Test
    void theEnvironmentSetsPortDataAndDatabase() throws Exception {
        Settings settings = Settings.from(home, Map.of("PORCHLIGHT_HTTP_PORT", "9090", "PORCHLIGHT_DATA", "/var/lib/porchlight",
                "PORCHLIGHT_DB_URL", "jdbc:postgresql://db:5432/porchlight", "PORCHLIGHT_DB_USER", "app"), List.of("--console"));
        assertThat(settings.httpPort()).isEqualTo(9090);
        assertThat(settings.data()).isEqualTo(Path.of("/var/lib/porchlight"));
        assertThat(settings.database()).containsEntry("porchlight.db.url", "jdbc:postgresql://db:5432/porchlight")
                .containsEntry("porchlight.db.user", "app");
        assertThat(settings.console()).isTrue();
    }

    @Test
    void theLogFormatIsTextOrJsonSinceAnyOtherNameWouldLeaveNoLog() throws Exception {
        Settings.from(home, Map.of("PORCHLIGHT_LOG_FORMAT", "json"), List.of());
        Settings.from(home, Map.of("PORCHLIGHT_LOG_FORMAT", "text"), List.of());
        for (String bad : List.of("JSON", "", "logstash")) {
            assertThatThrownBy(() -> Settings.from(home, Map.of("PORCHLIGHT_LOG_FORMAT", bad), List.of()))
                    .hasMessage("PORCHLIGHT_LOG_FORMAT must be text or json, got '" + bad + "'");
        }
    }

    @Test
    void badValuesAreNamedWithWhatWouldBeRight() {
        assertThatThrownBy(() -> Settings.from(home, Map.of("PORCHLIGHT_HTTP_PORT", "70000"), List.of()))
                .hasMessage("PORCHLIGHT_HTTP_PORT must be a whole number from 1 to 65535, got '70000'");
        assertThatThrownBy(() -> Settings.from(home, Map.of(), List.of("--verbose")))
                .hasMessageContaining("unknown argument '--verbose'");
        assertThatThrownBy(() -> Settings.from(home, Map.of("PORCHLIGHT_DB_URL", "jdbc:mysql://db/x;password=secret"), List.of()))
                .hasMessageContaining("jdbc:postgresql://").hasMessageNotContaining("secret");
    }
}
