package org.porchlight.testing.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unpacking the distribution's zip, the part of the harness that runs before any server. */
class PorchlightServerTest {

    @TempDir
    Path folder;

    @Test
    void theDistributionZipIsUnpackedWithItsFolders() throws IOException {
        Path zip = zip("bin/porchlight", "#!/bin/sh\n", "etc/org.porchlight.modules.cfg", "allowUnsigned = false\n");

        PorchlightServerBuilder.unzip(zip, folder.resolve("home"));

        assertThat(folder.resolve("home/bin/porchlight")).hasContent("#!/bin/sh");
        assertThat(folder.resolve("home/etc/org.porchlight.modules.cfg")).hasContent("allowUnsigned = false");
    }

    @Test
    void anEntryThatWouldLandOutsideTheFolderIsRefused() throws IOException {
        Path zip = zip("../escaped.txt", "outside\n");

        assertThatThrownBy(() -> PorchlightServerBuilder.unzip(zip, folder.resolve("home"))).isInstanceOf(IOException.class)
                .hasMessageContaining("outside the folder");
        assertThat(folder.resolve("escaped.txt")).doesNotExist();
    }

    private Path zip(String... namesAndContents) throws IOException {
        Path zip = folder.resolve("distribution.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                out.putNextEntry(new ZipEntry(namesAndContents[i]));
                out.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return zip;
    }
}
