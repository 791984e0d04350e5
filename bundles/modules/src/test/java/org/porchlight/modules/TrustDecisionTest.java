package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.porchlight.modules.SignedJars.bundle;
import static org.porchlight.modules.SignedJars.folder;
import static org.porchlight.modules.SignedJars.signed;
import static org.porchlight.modules.SignedJars.trusting;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who vouches for a module file, with real signed jars: the server, a trusted publisher, or only the development setting. */
class TrustDecisionTest {

    private static final String NAME = "org.example.plugin";

    @TempDir
    Path plugins;

    @Test
    void aKeyOfTheTrustStoreGivesItsPublisherAndProvenance() throws Exception {
        TrustDecision.Accepted accepted = decision(false, Map.of()).accept(signed(bundle(NAME, "1.0.0"), "vendor"));
        assertThat(accepted.provenance()).isEqualTo(Provenance.VENDOR);
        assertThat(accepted.publisher()).isEqualTo("acme");
        assertThat(accepted.shippedCore()).isFalse();
    }

    @Test
    void unsignedAndStrangersFilesAreRefusedUnlessTheDevelopmentSettingIsOn() throws Exception {
        Path unsigned = bundle(NAME, "1.0.0");
        Path stranger = signed(bundle(NAME, "1.0.0"), "stranger");
        assertThatThrownBy(() -> decision(false, Map.of()).accept(unsigned)).isInstanceOf(ModuleRefusedException.class)
                .hasMessageContaining("the file is not signed; modules must be signed by a key in the trust store");
        assertThatThrownBy(() -> decision(false, Map.of()).accept(stranger)).isInstanceOf(ModuleRefusedException.class)
                .hasMessageContaining("signed by CN=stranger, a key the trust store does not hold");
        assertThat(decision(true, Map.of()).accept(unsigned).provenance()).isEqualTo(Provenance.UNVERIFIED);
        assertThat(decision(true, Map.of()).accept(stranger).provenance()).isEqualTo(Provenance.UNVERIFIED);
    }

    @Test
    void aFileChangedAfterSigningIsRefusedEvenWithTheDevelopmentSetting() throws Exception {
        Path signed = signed(bundle(NAME, "1.0.0"), "vendor");
        Path changed = Files.createTempFile(folder(), "changed", ".jar");
        try (ZipFile in = new ZipFile(signed.toFile());
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(changed))) {
            for (ZipEntry entry : Collections.list(in.entries())) {
                if (!entry.getName().equals(SignedJars.OTHER)) {
                    out.putNextEntry(new ZipEntry(entry.getName()));
                    in.getInputStream(entry).transferTo(out);
                }
            }
        }
        assertThatThrownBy(() -> decision(true, Map.of()).accept(changed)).isInstanceOf(ModuleRefusedException.class)
                .hasMessageContaining(SignedJars.OTHER + " is missing");
    }

    @Test
    void theServersOwnJarsAreCoreByteForByteAndOnlyThen() throws Exception {
        Path shipped = bundle(NAME, "1.0.0");
        Path copy = Files.copy(shipped, folder().resolve("copy-of-system-jar.jar"), StandardCopyOption.REPLACE_EXISTING);
        TrustDecision.Accepted core = decision(false, Map.of(NAME, shipped)).accept(copy);
        assertThat(core.provenance()).isEqualTo(Provenance.CORE);
        assertThat(core.shippedCore()).isTrue();
        // Same name and version, other bytes: not the server's, so not signed is not signed.
        assertThatThrownBy(() -> decision(false, Map.of(NAME, shipped)).accept(bundle(NAME, "1.0.0", new byte[] {1})))
                .isInstanceOf(ModuleRefusedException.class).hasMessageContaining("not signed");
        // An optional plugin the server ships in plugins/.
        Files.copy(shipped, plugins.resolve("plugin.jar"));
        TrustDecision.Accepted plugin = decision(false, Map.of()).accept(copy);
        assertThat(plugin.provenance()).isEqualTo(Provenance.CORE);
        assertThat(plugin.shippedCore()).isFalse();
    }

    private TrustDecision decision(boolean allowUnsigned, Map<String, Path> systemJars) throws Exception {
        return new TrustDecision(trusting("vendor", "acme", folder().resolve("ca.pem")), allowUnsigned, plugins,
                name -> Optional.ofNullable(systemJars.get(name)));
    }
}
