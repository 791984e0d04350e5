package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Vector;

import org.junit.jupiter.api.Test;

/** Whether the components' properties show a changed configuration, as SCR's DTOs give them. */
class AppliedConfigurationTest {

    private static final String PID = "org.porchlight.registry";

    @Test
    void appliedOnceEveryComponentConfiguredByThePidHasItsValues() {
        Map<String, Object> wanted = Map.of("densityEpsilon", 2.0, "service.pid", PID, "names", new String[] {"a", "b"});
        Map<String, Object> old = Map.of("service.pid", PID, "densityEpsilon", 1.0, "names", new String[] {"a", "b"},
                "component.name", "Registry");
        Map<String, Object> now = Map.of("service.pid", PID, "densityEpsilon", 2.0, "names", new String[] {"a", "b"},
                "component.name", "Registry");

        assertThat(AppliedConfiguration.applied(PID, wanted, List.of(old))).isFalse();
        assertThat(AppliedConfiguration.applied(PID, wanted, List.of(now, old))).as("one not yet").isFalse();
        assertThat(AppliedConfiguration.applied(PID, wanted, List.of(now))).isTrue();
    }

    @Test
    void aNewFactoryConfigurationIsAppliedOnceItsOwnComponentExists() {
        String pid = "org.porchlight.integration.watchkc~agency-kcpd";
        Map<String, Object> other = Map.of("service.pid", "org.porchlight.integration.watchkc~agency-jcso", "folder", "x");
        Map<String, Object> wanted = Map.of("folder", "y", "porchlight.plugins.managed", true);

        assertThat(AppliedConfiguration.applied(pid, wanted, List.of(other))).isFalse();
        assertThat(AppliedConfiguration.applied(pid, wanted, List.of(other, Map.of("service.pid", pid, "folder", "y",
                "porchlight.plugins.managed", true)))).isTrue();
    }

    @Test
    void valuesCompareAsSCRsDtosKeepThemArraysAndCollectionsAlike() {
        Vector<String> list = new Vector<>(List.of("a", "b"));
        assertThat(AppliedConfiguration.normal(list)).isEqualTo(AppliedConfiguration.normal(new String[] {"a", "b"}));
        assertThat(AppliedConfiguration.normal(new int[] {1, 2})).isEqualTo("[1, 2]");
        assertThat(AppliedConfiguration.normal(60L)).isEqualTo("60");
    }

    @Test
    void aDeletedConfigurationOrOneWithNoComponentYetWaitsForNothing() {
        assertThat(AppliedConfiguration.applied(PID, null, List.of(Map.of("service.pid", PID)))).isTrue();
        assertThat(AppliedConfiguration.applied(PID, Map.of("a", 1), List.of())).isTrue();
    }
}
