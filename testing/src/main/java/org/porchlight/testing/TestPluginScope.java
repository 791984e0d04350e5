package org.porchlight.testing;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.plugins.ScopedServices;

/** A platform scope that a test sets by hand: which bundle's services serve which agency. */
public final class TestPluginScope implements PluginScope {

    private final Set<String> enabled = ConcurrentHashMap.newKeySet();

    /** From now on the services of {@code bundle} serve {@code agency}. */
    public TestPluginScope enable(long bundle, String agency) {
        enabled.add(bundle + "/" + agency);
        return this;
    }

    /** From now on the services of {@code bundle} no longer serve {@code agency}. */
    public TestPluginScope disable(long bundle, String agency) {
        enabled.remove(bundle + "/" + agency);
        return this;
    }

    @Override
    public boolean serves(Map<String, ?> serviceProperties, String agency) {
        return serviceProperties.get(ScopedServices.BUNDLE_ID) instanceof Number bundle
                && enabled.contains(bundle.longValue() + "/" + agency);
    }

    /** Service properties as the framework gives them for a service of {@code bundle}, with {@code more}. */
    public static Map<String, Object> registeredBy(long bundle, Map<String, ?> more) {
        Map<String, Object> properties = new ConcurrentHashMap<>(more);
        properties.put(ScopedServices.BUNDLE_ID, bundle);
        return properties;
    }
}
