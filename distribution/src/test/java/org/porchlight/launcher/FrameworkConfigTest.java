package org.porchlight.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkConfigTest {

    @Test
    void placeholdersAreFilledAndVariablesBecomeProperties(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/config.properties"),
                "org.osgi.framework.storage=${porchlight.data}/framework\nfelix.fileinstall.dir=${porchlight.home}/etc\n");
        Map<String, String> properties = FrameworkConfig.load(home, Map.of("porchlight.data", "/d", "porchlight.home", "/h"));
        assertThat(properties).containsEntry("org.osgi.framework.storage", "/d/framework")
                .containsEntry("felix.fileinstall.dir", "/h/etc")
                .containsEntry("porchlight.data", "/d");
    }

    @Test
    void anUnknownPlaceholderIsAnError() {
        assertThatIllegalArgumentException().isThrownBy(() -> FrameworkConfig.substitute("${porchlight.nope}", Map.of()))
                .withMessageContaining("porchlight.nope");
    }

    @Test
    void theShippedConfigurationOnlyUsesKnownPlaceholders() {
        Path dist = Path.of("src/main/dist");
        Map<String, String> variables = Map.of("porchlight.home", "/h", "porchlight.data", "/d", "porchlight.http.port", "8080",
                "porchlight.http.host", "0.0.0.0", "gosh.args", "--nointeractive");
        assertThat(FrameworkConfig.load(dist, variables)).containsEntry("org.osgi.service.http.port", "8080");
    }
}
