package org.porchlight.launcher;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {

    @Test
    void aFileInstallWatchInEtcStopsTheStartWithWhatToDo(@TempDir Path etc) throws Exception {
        Files.writeString(etc.resolve("org.porchlight.modules.cfg"), "allowUnsigned = false\n");
        assertThatCode(() -> Preflight.noBundleWatchInEtc(etc)).doesNotThrowAnyException();

        // What earlier versions shipped: FileInstall watching deploy/ by itself.
        Files.writeString(etc.resolve("org.apache.felix.fileinstall-deploy.cfg"), "felix.fileinstall.dir = deploy\n");
        assertThatThrownBy(() -> Preflight.noBundleWatchInEtc(etc)).isInstanceOf(StartupFailure.class)
                .hasMessageContaining("etc/org.apache.felix.fileinstall-deploy.cfg").hasMessageContaining("delete the file");
    }
}
