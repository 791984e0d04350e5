package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.modules.SignedJars.bundle;
import static org.porchlight.modules.SignedJars.folder;
import static org.porchlight.modules.SignedJars.signed;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class TrustStoreTest {

    @Test
    void anAgencysKeyIsTrustedForTheAgencyItsFileOrFolderNames() throws Exception {
        for (String place : new String[] {"kcpd.pem", "KCPD/release-key.pem"}) {
            Path root = Files.createTempDirectory(folder(), "trust");
            Path file = root.resolve("agency").resolve(place);
            Files.createDirectories(file.getParent());
            Files.copy(folder().resolve("vendor.pem"), file);

            ModuleJar jar = ModuleJar.inspect(signed(bundle("org.example.plugin", "1.0.0"), "vendor"), new TrustStore(root));

            assertThat(jar.signature().status()).as(place).isEqualTo(ModuleJar.Signature.Status.TRUSTED);
            assertThat(jar.signature().publisher().provenance()).isEqualTo(Provenance.AGENCY);
            assertThat(jar.signature().publisher().name()).as(place).isEqualTo("KCPD");
        }
    }

    @Test
    void anAgencyKeyNotNamedByAnAgencyCodeIsTrustedForNoAgency() throws Exception {
        for (String place : new String[] {"kansas city.pem", "K.pem", "a_b/key.pem", "WAYTOOLONGAGENCYCODE.pem"}) {
            Path root = Files.createTempDirectory(folder(), "trust");
            Path file = root.resolve("agency").resolve(place);
            Files.createDirectories(file.getParent());
            Files.copy(folder().resolve("vendor.pem"), file);

            ModuleJar jar = ModuleJar.inspect(signed(bundle("org.example.plugin", "1.0.0"), "vendor"), new TrustStore(root));

            assertThat(jar.signature().status()).as(place).isEqualTo(ModuleJar.Signature.Status.UNTRUSTED);
        }
    }

    @Test
    void aCertificateFiledForTwoAgenciesOrForAnAgencyAndAVendorSpeaksForNone() throws Exception {
        for (String[] places : new String[][] {{"agency/KCPD.pem", "agency/RPD/key.pem"}, {"agency/KCPD.pem", "vendor/acme.pem"}}) {
            Path root = Files.createTempDirectory(folder(), "trust");
            for (String place : places) {
                Path file = root.resolve(place);
                Files.createDirectories(file.getParent());
                Files.copy(folder().resolve("vendor.pem"), file);
            }

            ModuleJar jar = ModuleJar.inspect(signed(bundle("org.example.plugin", "1.0.0"), "vendor"), new TrustStore(root));

            assertThat(jar.signature().status()).as(String.join(" and ", places)).isEqualTo(ModuleJar.Signature.Status.UNTRUSTED);
        }
    }

    @Test
    void aKeyACaCertifiedInAnAgencysFolderSpeaksForThatAgency() throws Exception {
        Path root = Files.createTempDirectory(folder(), "trust");
        Files.createDirectories(root.resolve("agency/RPD"));
        Files.copy(folder().resolve("ca.pem"), root.resolve("agency/RPD/ca.pem"));

        ModuleJar jar = ModuleJar.inspect(signed(bundle("org.example.plugin", "1.0.0"), "vendor"), new TrustStore(root));

        assertThat(jar.signature().publisher().name()).isEqualTo("RPD");
    }
}
