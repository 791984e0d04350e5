package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.modules.ModuleOwnership.Change.INSTALL;
import static org.porchlight.modules.ModuleOwnership.Change.UPDATE;
import static org.porchlight.modules.ModuleOwnership.refusal;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Whose module a file may become: an agency's own key for its own modules, and no update that changes the owner. */
class ModuleOwnershipTest {

    private static final String VENDOR_OR_UNSIGNED = null;
    private static final String PLATFORM = null;
    private static final Optional<String> NOBODYS = Optional.empty();

    @Test
    void anAgencyInstallsAFileSignedWithItsOwnKey() {
        assertThat(refusal("KCPD", "KCPD", NOBODYS, INSTALL)).isEmpty();
    }

    @Test
    void anAgencyCannotInstallAFileSignedWithAnotherAgencysKey() {
        assertThat(refusal("OPPD", "KCPD", NOBODYS, INSTALL)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("etc/trust/agency/KCPD/").endsWith("this file is signed for another agency"));
    }

    @Test
    void anAgencyCannotInstallAVendorsOrUnsignedFileAndIsToldWhichKeyFolderCounts() {
        assertThat(refusal(VENDOR_OR_UNSIGNED, "kcpd", NOBODYS, INSTALL)).hasValueSatisfying(reason -> assertThat(reason)
                .contains("signed by a key the platform trusts for that agency (etc/trust/agency/KCPD/)")
                .endsWith("this file is not"));
    }

    @Test
    void anAgencyWhoseCodeSpellsNullIsNoExceptionForAnUnsignedOrVendorsFile() {
        for (String code : new String[] {"null", "NULL", "Null"}) {
            assertThat(refusal(VENDOR_OR_UNSIGNED, code, NOBODYS, INSTALL)).as(code).isPresent();
            assertThat(refusal(VENDOR_OR_UNSIGNED, code, Optional.of(code), UPDATE)).as(code).isPresent();
        }
    }

    @Test
    void thePlatformInstallsAnAgencySignedFileAsWellAsAVendorsFile() {
        assertThat(refusal("KCPD", PLATFORM, NOBODYS, INSTALL)).isEmpty();
        assertThat(refusal(VENDOR_OR_UNSIGNED, PLATFORM, NOBODYS, INSTALL)).isEmpty();
    }

    @Test
    void anUpdateThatKeepsTheOwnerGoesAheadWhoeverActs() {
        assertThat(refusal("KCPD", "KCPD", Optional.of("KCPD"), UPDATE)).isEmpty();
        assertThat(refusal("KCPD", PLATFORM, Optional.of("KCPD"), UPDATE)).as("the platform, or the deploy folder").isEmpty();
        assertThat(refusal(VENDOR_OR_UNSIGNED, PLATFORM, NOBODYS, UPDATE)).as("a vendor's module stays nobody's").isEmpty();
    }

    @Test
    void anUpdateSignedWithAnotherAgencysKeyIsRefused() {
        assertThat(refusal("OPPD", PLATFORM, Optional.of("KCPD"), UPDATE)).hasValue(
                "the module is agency KCPD's own; its updates must be signed by that agency's key");
        assertThat(refusal("OPPD", "KCPD", Optional.of("KCPD"), UPDATE)).hasValueSatisfying(reason -> assertThat(reason)
                .endsWith("signed for another agency"));
    }

    @Test
    void anAgencysModuleCannotBeUpdatedWithAVendorsKey() {
        assertThat(refusal(VENDOR_OR_UNSIGNED, PLATFORM, Optional.of("KCPD"), UPDATE)).hasValue(
                "the module is agency KCPD's own; its updates must be signed by that agency's key");
    }

    @Test
    void aVendorsModuleCannotBecomeAnAgencysOwnThroughAnUpdate() {
        String reason = "the module is not an agency's own; an update signed by an agency's key would make it one";
        assertThat(refusal("KCPD", PLATFORM, NOBODYS, UPDATE)).hasValue(reason);
        assertThat(refusal("KCPD", "KCPD", NOBODYS, UPDATE)).hasValue(reason);
    }

    @Test
    void agencyCodesMatchWhateverTheirCase() {
        assertThat(refusal("KCPD", "kcpd", NOBODYS, INSTALL)).isEmpty();
        assertThat(refusal("kcpd", "Kcpd", Optional.of("KCPD"), UPDATE)).isEmpty();
        assertThat(refusal("KCPD", PLATFORM, Optional.of("kcpd"), UPDATE)).isEmpty();
    }

    @Test
    void onlyAFileSignedWithAnAgencysKeyIsSignedForThatAgency() {
        assertThat(ModuleOwnership.signedFor(new TrustDecision.Accepted(null, Provenance.AGENCY, "KCPD", false)))
                .isEqualTo("KCPD");
        assertThat(ModuleOwnership.signedFor(new TrustDecision.Accepted(null, Provenance.VENDOR, "acme", false))).isNull();
        assertThat(ModuleOwnership.signedFor(new TrustDecision.Accepted(null, Provenance.UNVERIFIED, null, false))).isNull();
    }
}
