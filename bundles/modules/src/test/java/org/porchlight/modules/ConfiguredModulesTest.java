package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ConfiguredModulesTest {

    /** Bundle 7: the registry; 8: a module with a factory component; 9: one that shares the registry's PID. */
    private final ConfiguredModules modules = new ConfiguredModules(() -> Map.of(
            7L, Set.of("org.porchlight.registry", "org.porchlight.registry.Density"),
            8L, Set.of("org.porchlight.notify.webhook"),
            9L, Set.of("org.porchlight.registry", "org.porchlight.other")));

    @Test
    void aPidBelongsToEveryModuleWhoseComponentsUseIt() {
        assertThat(modules.of("org.porchlight.registry", null)).containsExactly(7L, 9L);
        assertThat(modules.of("org.porchlight.other", null)).containsExactly(9L);
    }

    @Test
    void aFactoryConfigurationBelongsToTheModulesOfItsFactoryPid() {
        assertThat(modules.of("org.porchlight.notify.webhook~ops", "org.porchlight.notify.webhook")).containsExactly(8L);
        assertThat(modules.of("org.porchlight.notify.webhook.4f1c", "org.porchlight.notify.webhook")).containsExactly(8L);
    }

    @Test
    void aTargetedPidCountsAsItsPlainPid() {
        assertThat(modules.of("org.porchlight.registry|org.porchlight.registry", null)).containsExactly(7L, 9L);
        assertThat(modules.of("org.porchlight.notify.webhook|x~ops", "org.porchlight.notify.webhook|x")).containsExactly(8L);
    }

    @Test
    void aPidNoComponentUsesBelongsToNoModule() {
        assertThat(modules.of("org.porchlight.unknown", null)).isEmpty();
        assertThat(modules.of("org.porchlight.registr", null)).isEmpty();
    }
}
