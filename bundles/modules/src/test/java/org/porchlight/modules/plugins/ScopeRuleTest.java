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
        assertThat(ScopeRule.kind(true, false, null, "core")).isEqualTo(Kind.CORE);
    }

    @Test
    void aShippedBundleWithTheHeaderIsACataloguePlugin() {
        assertThat(ScopeRule.kind(true, true, null, "core")).isEqualTo(Kind.CATALOGUE);
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
        assertThat(ScopeRule.kind(false, false, "KCPD", "agency")).isEqualTo(Kind.AGENCY_OWNED);
        assertThat(ScopeRule.kind(true, true, "KCPD", "core")).isEqualTo(Kind.AGENCY_OWNED);
    }

    @Test
    void vendorModulesShippedPluginsAndWhatOnlyThePlatformAdminCouldInstallAreCataloguePlugins() {
        assertThat(ScopeRule.kind(false, false, null, "vendor")).isEqualTo(Kind.CATALOGUE);
        assertThat(ScopeRule.kind(false, false, null, "core")).isEqualTo(Kind.CATALOGUE);
        assertThat(ScopeRule.kind(false, false, null, "unverified")).isEqualTo(Kind.CATALOGUE);
        assertThat(ScopeRule.kind(false, false, null, "unmanaged")).isEqualTo(Kind.CATALOGUE);
        assertThat(ScopeRule.kind(false, false, null, "agency")).as("an agency's key but no owner known").isEqualTo(Kind.NONE);
        assertThat(ScopeRule.serves(new PluginBundle("x", Kind.NONE, null), null, "KCPD", Set.of("KCPD"))).isFalse();
    }

    @Test
    void forNoAgencyInParticularEveryonesBundlesServeAndNoAgencysOwn() {
        assertThat(ScopeRule.serves(CORE, null, null, Set.of())).isTrue();
        assertThat(ScopeRule.serves(PLUGIN, null, null, Set.of())).isTrue();
        assertThat(ScopeRule.serves(OWN, null, null, Set.of("KCPD"))).isFalse();
        assertThat(ScopeRule.serves(new PluginBundle("x", Kind.NONE, null), null, null, Set.of())).isFalse();
        assertThat(ScopeRule.serves(null, null, null, Set.of())).isFalse();
    }
}
