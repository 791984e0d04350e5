package org.porchlight.transparency;

import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.plugins.ScopedServices;
import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.api.requests.RequestPolicy;
import org.porchlight.transparency.TransparencyPage.PluginUse;

/**
 * The plugins an agency uses where they concern residents: the request policies that apply to its
 * footage requests and the camera registries that feed its registry, as the platform's
 * {@link PluginScope} lets them serve it. Each is described by its bundle (name, description,
 * version) and, for a registry, its source id: never a setting's value, which could be a secret
 * (a feed's URL may carry a token). Without a scope none is listed, as none serves.
 */
@Component(service = PluginsInUse.class)
public class PluginsInUse {

    static final String REQUEST_POLICY = "request-policy";
    static final String CAMERA_REGISTRY = "camera-registry";

    private final ScopedServices<PluginUse> uses;
    private final Map<Long, PluginUse> byService = new ConcurrentHashMap<>();

    @Activate
    public PluginsInUse(BundleContext context) {
        this(context.getBundle().getBundleId());
    }

    /** @param ownBundle this bundle's id (it registers no policy or registry of its own) */
    PluginsInUse(long ownBundle) {
        this.uses = new ScopedServices<>(ownBundle);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeService")
    void addPolicy(ServiceReference<RequestPolicy> reference) {
        add(REQUEST_POLICY, reference);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeService")
    void addRegistry(ServiceReference<CameraRegistryProvider> reference) {
        add(CAMERA_REGISTRY, reference);
    }

    void removeService(ServiceReference<?> reference) {
        PluginUse use = byService.remove((Long) reference.getProperty(Constants.SERVICE_ID));
        if (use != null) {
            uses.remove(use);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setScope(PluginScope scope) {
        uses.scope(scope);
    }

    /** A greedy reference binds the better scope before it unbinds the one it replaces. */
    void unsetScope(PluginScope gone) {
        uses.unscope(gone);
    }

    private void add(String kind, ServiceReference<?> reference) {
        Map<String, Object> properties = new HashMap<>();
        for (String key : reference.getPropertyKeys()) {
            properties.put(key, reference.getProperty(key));
        }
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return; // unregistered meanwhile
        }
        add(kind, properties, bundle.getSymbolicName(), bundle.getHeaders("").get(Constants.BUNDLE_NAME),
                bundle.getHeaders("").get(Constants.BUNDLE_DESCRIPTION), bundle.getVersion().toString());
    }

    /** A service of {@code kind} came, registered by the bundle these headers describe. */
    void add(String kind, Map<String, Object> properties, String plugin, String name, String description, String version) {
        Object source = CAMERA_REGISTRY.equals(kind) ? properties.get(CameraRegistryProvider.SOURCE) : null;
        PluginUse use = new PluginUse(kind, plugin, name == null || name.isBlank() ? plugin : name,
                description == null || description.isBlank() ? null : description, version,
                source == null ? null : String.valueOf(source));
        PluginUse before = byService.put(((Number) properties.get(Constants.SERVICE_ID)).longValue(), use);
        if (before != null) {
            uses.remove(before);
        }
        uses.add(use, properties);
    }

    /**
     * What the agency uses now, request policies first, each plugin (and registry source) once: the policies that
     * apply to it (for every agency or named for it) and the registries that feed it (named for it), as the scope says.
     */
    List<PluginUse> forAgency(String agency) {
        Set<PluginUse> used = new LinkedHashSet<>();
        for (ScopedServices.Entry<PluginUse> entry : uses.forAgency(agency)) {
            if (isFor(entry.service(), entry.properties(), agency)) {
                used.add(entry.service());
            }
        }
        return used.stream().sorted(Comparator.comparing(PluginUse::kind).reversed().thenComparing(PluginUse::name)
                .thenComparing(u -> u.source() == null ? "" : u.source())).toList();
    }

    /** Whether a service that serves the agency is for it: a registry only if named for it, a policy unless named for another. */
    private static boolean isFor(PluginUse use, Map<String, ?> properties, String agency) {
        boolean registry = CAMERA_REGISTRY.equals(use.kind());
        Object named = properties.get(registry ? CameraRegistryProvider.AGENCY : RequestPolicy.AGENCY);
        if (named == null || String.valueOf(named).isEmpty()) {
            return !registry;
        }
        return agency.equalsIgnoreCase(String.valueOf(named));
    }
}
