package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Version;

/** Which file in deploy/ a module runs from, and how the API's modules are written there. */
class DeployedFilesTest {

    private static final String NAME = "org.example.plugin";

    @TempDir
    Path home;

    @TempDir
    Path uploads;

    @Test
    void aModuleTheApiInstalledIsWrittenAsItsNameWithNoStagingFileLeft() throws IOException {
        DeployedFiles deployed = new DeployedFiles(home.resolve("deploy"));
        deployed.keep(accepted("version 1"));

        Path file = home.resolve("deploy").resolve(NAME + ".jar");
        assertThat(file).hasContent("version 1");
        assertThat(deployed.of(NAME)).contains(file);
        assertThat(deployed.moduleOf(file)).contains(NAME);
        try (var listing = Files.list(home.resolve("deploy"))) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void anUpdateOverwritesTheFileTheModuleWasDeployedFromWhateverItsName() throws IOException {
        DeployedFiles deployed = new DeployedFiles(home.resolve("deploy"));
        Path dropped = Files.createDirectories(home.resolve("deploy")).resolve("my-plugin-1.0.jar");
        Files.writeString(dropped, "version 1");
        deployed.put(NAME, dropped);

        deployed.keep(accepted("version 2"));

        assertThat(dropped).hasContent("version 2");
        assertThat(home.resolve("deploy").resolve(NAME + ".jar")).doesNotExist();
    }

    @Test
    void aRemovedModuleIsForgottenButItsFileIsTheCallersToDelete() throws IOException {
        DeployedFiles deployed = new DeployedFiles(home.resolve("deploy"));
        deployed.keep(accepted("version 1"));

        Path file = deployed.remove(NAME).orElseThrow();

        assertThat(file).exists();
        assertThat(deployed.of(NAME)).isEmpty();
        assertThat(deployed.moduleOf(file)).isEmpty();
        assertThat(deployed.remove(NAME)).isEmpty();
    }

    private TrustDecision.Accepted accepted(String content) throws IOException {
        Path upload = Files.writeString(Files.createTempFile(uploads, "upload", ".jar"), content);
        ModuleJar jar = new ModuleJar(upload, NAME, Version.parseVersion("1.0.0"), "sha", null);
        return new TrustDecision.Accepted(jar, Provenance.VENDOR, "acme", false);
    }
}
