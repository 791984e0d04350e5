package org.porchlight.api.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ScopedServicesTest {

    private static final long OWN = 7;
    private static final long PLUGIN = 42;

    private final ScopedServices<String> services = new ScopedServices<>(OWN);

    @Test
    void withoutAScopeOnlyTheConsultingBundlesOwnServicesServe() {
        services.add("built-in", Map.of(ScopedServices.BUNDLE_ID, OWN));
        services.add("plugin", Map.of(ScopedServices.BUNDLE_ID, PLUGIN));
        services.add("no bundle id", Map.of());

        assertEquals(List.of("built-in"), names(services.forAgency("KCPD")));
        assertEquals(3, services.all().size());
    }

    @Test
    void theScopeDecidesForOtherBundlesPerAgency() {
        services.add("built-in", Map.of(ScopedServices.BUNDLE_ID, OWN));
        services.add("plugin", Map.of(ScopedServices.BUNDLE_ID, PLUGIN, PluginScope.AGENCY, "KCPD"));
        services.scope((properties, agency) -> agency.equals(properties.get(PluginScope.AGENCY)));

        assertEquals(List.of("built-in", "plugin"), names(services.forAgency("KCPD")));
        assertEquals(List.of("built-in"), names(services.forAgency("RPD")));

        services.scope(null);
        assertEquals(List.of("built-in"), names(services.forAgency("KCPD")));
    }

    @Test
    void aServiceAddedAgainReplacesItsEntryAndRemovalDropsIt() {
        String plugin = "plugin";
        services.scope((properties, agency) -> agency.equals(properties.get(PluginScope.AGENCY)));
        services.add(plugin, Map.of(ScopedServices.BUNDLE_ID, PLUGIN, PluginScope.AGENCY, "KCPD"));
        services.add(plugin, Map.of(ScopedServices.BUNDLE_ID, PLUGIN, PluginScope.AGENCY, "RPD"));

        assertEquals(List.of(), names(services.forAgency("KCPD")));
        assertEquals(List.of("plugin"), names(services.forAgency("RPD")));

        services.remove(plugin);
        assertEquals(List.of(), services.all());
    }

    @Test
    void aScopeThatGoesAfterItsReplacementCameDoesNotTakeTheReplacementAlong() {
        services.add("plugin", Map.of(ScopedServices.BUNDLE_ID, PLUGIN));
        PluginScope old = (properties, agency) -> true;
        PluginScope replacement = (properties, agency) -> true;
        services.scope(old);
        services.scope(replacement); // a greedy reference binds the new one first...
        services.unscope(old); // ...then unbinds the old one

        assertEquals(List.of("plugin"), names(services.forAgency("KCPD")));

        services.unscope(replacement);
        assertEquals(List.of(), names(services.forAgency("KCPD")));
    }

    private static List<String> names(List<ScopedServices.Entry<String>> entries) {
        return entries.stream().map(ScopedServices.Entry::service).toList();
    }
}
