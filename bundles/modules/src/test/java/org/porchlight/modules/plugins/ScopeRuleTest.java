package org.porchlight.modules.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.porchlight.modules.plugins.PluginBundle.Kind;

/** The scope rule: core serves all, an agency's own bundle its agency, a catalogue plugin the agencies that enabled it. */
class ScopeRuleTest {

    private static final PluginBundle CORE = new PluginBundle("org.porchlight.requests", Kind.CORE, null);
    private static final PluginBundle PLUGIN = new PluginBundle("org.example.policy", Kind.CATALOGUE, null);
    private static final PluginBundle OWN = new PluginBundle("org.kcpd.policy", Kind.AGENCY_OWNED, "KCPD");

    @Test
    void aCoreBundleWithoutTheHeaderServesEveryAgency() {
        assertThat(ScopeRule.serves(CORE, null, "KCPD", Set.of())).isTrue();
        assertThat(ScopeRule.serves(CORE, null, "JCSO", Set.of())).isTrue();
        assertThat(ScopeRule.kind(true, false, null, "core", false)).isEqualTo(Kind.CORE);
    }

    @Test
    void aShippedBundleWithTheHeaderIsACataloguePlugin() {
        assertThat(ScopeRule.kind(true, true, null, "core", false)).isEqualTo(Kind.CATALOGUE);
    }

    @Test
    void aCataloguePluginServesOnlyTheAgenciesThatEnabledIt() {
        assertThat(ScopeRule.serves(PLUGIN, null, "KCPD", Set.of("KCPD"))).isTrue();
        assertThat(ScopeRule.serves(PLUGIN, null, "JCSO", Set.of("KCPD"))).isFalse();
        assertThat(ScopeRule.serves(PLUGIN, null, "KCPD", Set.of())).isFalse();
    }

    @Test
    void aServiceMadeForOneAgencyServesOnlyThatOneEvenIfOthersEnabledThePlugin() {
        assertThat(ScopeRule.serves(PLUGIN, "KCPD", "KCPD", Set.of("KCPD", "JCSO"))).isTrue();
        assertThat(ScopeRule.serves(PLUGIN, "KCPD", "JCSO", Set.of("KCPD", "JCSO"))).isFalse();
    }

    @Test
    void anAgencysOwnBundleServesOnlyThatAgencyWhateverItsServicesSay() {
        assertThat(ScopeRule.serves(OWN, null, "KCPD", Set.of())).isTrue();
        assertThat(ScopeRule.serves(OWN, null, "JCSO", Set.of("JCSO"))).isFalse();
        assertThat(ScopeRule.serves(OWN, "JCSO", "JCSO", Set.of("JCSO"))).isFalse();
        assertThat(ScopeRule.serves(OWN, "JCSO", "KCPD", Set.of())).isFalse();
        assertThat(ScopeRule.kind(false, false, "KCPD", "agency", false)).isEqualTo(Kind.AGENCY_OWNED);
        assertThat(ScopeRule.kind(true, true, "KCPD", "core", false)).isEqualTo(Kind.AGENCY_OWNED);
    }

    @Test
    void vendorModulesAndShippedPluginsAreCataloguePluginsAndUnverifiedOnesOnlyWithTheDevelopmentSetting() {
        assertThat(ScopeRule.kind(false, false, null, "vendor", false)).isEqualTo(Kind.CATALOGUE);
        assertThat(ScopeRule.kind(false, false, null, "core", false)).isEqualTo(Kind.CATALOGUE);
        assertThat(ScopeRule.kind(false, false, null, "unverified", false)).isEqualTo(Kind.NONE);
        assertThat(ScopeRule.kind(false, false, null, "unmanaged", false)).isEqualTo(Kind.NONE);
        assertThat(ScopeRule.kind(false, false, null, "unmanaged", true)).isEqualTo(Kind.CATALOGUE);
        assertThat(ScopeRule.kind(false, false, null, "agency", true)).isEqualTo(Kind.NONE);
        assertThat(ScopeRule.serves(new PluginBundle("x", Kind.NONE, null), null, "KCPD", Set.of("KCPD"))).isFalse();
    }

    @Test
    void nobodyIsServedWithoutAnAgency() {
        assertThat(ScopeRule.serves(CORE, null, null, Set.of())).isFalse();
    }
}
