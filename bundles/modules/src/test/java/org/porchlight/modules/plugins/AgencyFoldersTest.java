package org.porchlight.modules.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder setting stays inside the agency's own folder: no .., no absolute path, no symbolic link out. */
class AgencyFoldersTest {

    @TempDir
    Path data;

    @Test
    void aRelativeFolderIsCreatedInsideTheAgencysFolder() {
        Path folder = new AgencyFolders(data).resolve("KCPD", "feeds/watchkc");
        assertThat(folder).isEqualTo(data.resolve("agencies/KCPD/feeds/watchkc").toAbsolutePath());
        assertThat(folder).isDirectory();
    }

    @Test
    void dotDotAndAbsolutePathsAreRefused() {
        AgencyFolders folders = new AgencyFolders(data);
        assertThatThrownBy(() -> folders.resolve("KCPD", "../x")).hasMessageContaining("..");
        assertThatThrownBy(() -> folders.resolve("KCPD", "a/../../JCSO")).hasMessageContaining("..");
        assertThatThrownBy(() -> folders.resolve("KCPD", "/etc")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> folders.resolve("KCPD", " ")).hasMessageContaining("must name");
        assertThat(data.resolve("agencies/JCSO")).doesNotExist();
    }

    @Test
    void aSymbolicLinkOutOfTheAgencysFolderIsRefusedBeforeAnythingIsCreatedThere() throws Exception {
        Path other = Files.createDirectories(data.resolve("agencies/JCSO"));
        Files.createDirectories(data.resolve("agencies/KCPD"));
        Files.createSymbolicLink(data.resolve("agencies/KCPD/link"), other);
        AgencyFolders folders = new AgencyFolders(data);

        assertThatThrownBy(() -> folders.resolve("KCPD", "link")).hasMessageContaining("symbolic link");
        assertThatThrownBy(() -> folders.resolve("KCPD", "link/new")).hasMessageContaining("symbolic link");
        assertThat(other.resolve("new")).doesNotExist();
    }
}
