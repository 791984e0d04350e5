package org.porchlight.registry;

import java.util.Map;

import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.plugins.ScopedServices;
import org.porchlight.api.registry.CameraRegistryProvider;

/**
 * Which camera registry providers may sync now: a provider's source is imported only for the agency
 * it names, and only while the platform's {@link PluginScope} lets it serve that agency (a plugin
 * the agency enabled; this bundle's own providers always). Without a scope none but this bundle's own serve.
 */
final class ProviderScope {

    private final ScopedServices<CameraRegistryProvider> providers;

    /** @param ownBundle the registry bundle's id */
    ProviderScope(long ownBundle) {
        this.providers = new ScopedServices<>(ownBundle);
    }

    void add(CameraRegistryProvider provider, Map<String, ?> properties) {
        providers.add(provider, properties);
    }

    void remove(CameraRegistryProvider provider) {
        providers.remove(provider);
    }

    void scope(PluginScope scope) {
        providers.scope(scope);
    }

    /** A greedy reference binds the better scope before it unbinds the one it replaces. */
    void unscope(PluginScope gone) {
        providers.unscope(gone);
    }

    /** Whether {@code provider} may sync the source it serves for {@code agency}, the agency its properties name. */
    boolean serves(CameraRegistryProvider provider, String agency) {
        return providers.forAgency(agency).stream().anyMatch(e -> e.service() == provider
                && agency.equalsIgnoreCase(String.valueOf(e.properties().get(CameraRegistryProvider.AGENCY))));
    }
}
