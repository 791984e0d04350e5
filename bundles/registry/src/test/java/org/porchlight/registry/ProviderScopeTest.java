package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.testing.TestPluginScope.registeredBy;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.testing.TestPluginScope;

class ProviderScopeTest {

    private static final long OWN = 3;
    private static final long PLUGIN = 42;

    private final ProviderScope scope = new ProviderScope(OWN);
    private final CameraRegistryProvider feed = (request, sink) -> request.cursor();

    @Test
    void thisBundlesOwnProviderSyncsForTheAgencyItNamesOnlyWithOrWithoutAScope() {
        scope.add(feed, registeredBy(OWN, Map.of(CameraRegistryProvider.AGENCY, "KCPD")));
        assertThat(scope.serves(feed, "KCPD")).isTrue();
        assertThat(scope.serves(feed, "JCSO")).as("not the agency it names").isFalse();
    }

    @Test
    void aPluginsProviderSyncsOnlyWhileTheScopeLetsItServeTheAgencyItNames() {
        scope.add(feed, registeredBy(PLUGIN, Map.of(CameraRegistryProvider.AGENCY, "kcpd")));
        assertThat(scope.serves(feed, "KCPD")).as("no scope: deny").isFalse();

        TestPluginScope platform = new TestPluginScope().enable(PLUGIN, "JCSO");
        scope.scope(platform);
        assertThat(scope.serves(feed, "KCPD")).as("enabled for another agency only").isFalse();
        assertThat(scope.serves(feed, "JCSO")).as("serves JCSO, but names KCPD").isFalse();

        platform.enable(PLUGIN, "KCPD");
        assertThat(scope.serves(feed, "KCPD")).isTrue();

        platform.disable(PLUGIN, "KCPD");
        assertThat(scope.serves(feed, "KCPD")).as("disabled again").isFalse();

        platform.enable(PLUGIN, "KCPD");
        scope.unscope(platform);
        assertThat(scope.serves(feed, "KCPD")).as("scope gone").isFalse();
    }

    @Test
    void aProviderThatWentAwayServesNobodyAndAGreedyRebindKeepsTheNewScope() {
        TestPluginScope old = new TestPluginScope();
        TestPluginScope better = new TestPluginScope().enable(PLUGIN, "KCPD");
        scope.add(feed, registeredBy(PLUGIN, Map.of(CameraRegistryProvider.AGENCY, "KCPD")));
        scope.scope(old);
        scope.scope(better);
        scope.unscope(old);
        assertThat(scope.serves(feed, "KCPD")).isTrue();
        scope.remove(feed);
        assertThat(scope.serves(feed, "KCPD")).isFalse();
    }
}
