package org.porchlight.api.plugins;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The extension services a bundle consults, each with its properties, and which of them serve an
 * agency. Without a {@link PluginScope} (the platform's plugin bundle stopped or being updated) only
 * the consulting bundle's own services serve: deny by default. Thread-safe; bind and unbind from
 * dynamic references.
 *
 * <pre>{@code
 * private final ScopedServices<RequestPolicy> policies = new ScopedServices<>(context.getBundle().getBundleId());
 *
 * @Reference(cardinality = MULTIPLE, policy = DYNAMIC, policyOption = GREEDY)
 * void addPolicy(RequestPolicy policy, Map<String, Object> properties) { policies.add(policy, properties); }
 * void removePolicy(RequestPolicy policy) { policies.remove(policy); }
 *
 * @Reference(cardinality = OPTIONAL, policy = DYNAMIC, policyOption = GREEDY)
 * void setScope(PluginScope scope) { policies.scope(scope); }
 * void unsetScope(PluginScope scope) { policies.unscope(scope); }
 *
 * for (ScopedServices.Entry<RequestPolicy> entry : policies.forAgency("KCPD")) { ... }
 * }</pre>
 *
 * @param <S> the service type
 */
public final class ScopedServices<S> {

    /** Service property the framework sets to the id of the bundle that registered the service. */
    public static final String BUNDLE_ID = "service.bundleid";

    /** A service and the properties it was registered with. */
    public record Entry<S>(S service, Map<String, ?> properties) {

        /** A copy of the properties: a service's properties may be changed while it is registered. */
        public Entry {
            Objects.requireNonNull(service, "service");
            properties = Map.copyOf(properties);
        }
    }

    private final long ownBundle;
    private final List<Entry<S>> services = new CopyOnWriteArrayList<>();
    private final AtomicReference<PluginScope> scope = new AtomicReference<>();

    /**
     * @param ownBundle the id of the consulting bundle: its own services always serve
     */
    public ScopedServices(long ownBundle) {
        this.ownBundle = ownBundle;
    }

    /** A service came (or its properties changed: it replaces its earlier entry). */
    public void add(S service, Map<String, ?> properties) {
        remove(service);
        services.add(new Entry<>(service, properties));
    }

    /** A service went. */
    public void remove(S service) {
        services.removeIf(e -> e.service() == service);
    }

    /** The platform's scope, or {@code null} while there is none. */
    public void scope(PluginScope scope) {
        this.scope.set(scope);
    }

    /**
     * The scope {@code gone} went: cleared, unless another took its place already (a greedy dynamic
     * reference binds the replacement before it unbinds the one it replaces).
     */
    public void unscope(PluginScope gone) {
        scope.compareAndSet(gone, null);
    }

    /** Every service now, whatever agency it serves (to list them, never to consult them). */
    public List<Entry<S>> all() {
        return List.copyOf(services);
    }

    /** The services that may act for the agency now, in the order they came. */
    public List<Entry<S>> forAgency(String agency) {
        PluginScope current = scope.get();
        return services.stream().filter(e -> own(e) || (current != null && current.serves(e.properties(), agency))).toList();
    }

    private boolean own(Entry<S> entry) {
        Object bundle = entry.properties().get(BUNDLE_ID);
        return bundle instanceof Number n && n.longValue() == ownBundle;
    }
}
