package org.porchlight.web;

import java.util.Map;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.plugins.ScopedServices;
import org.porchlight.api.security.Caller;

/**
 * Whether a bundle's pages and dashboard cards show for a visitor, as the platform's plugin scope
 * decides for the visitor's agency (none for residents and the public): an agency's own bundle shows
 * only to its staff, a plugin only to agencies that enabled it. Without the scope only the shell's
 * own pages show: deny by default.
 */
@Component(service = PageScope.class)
public class PageScope {

    private final long ownBundle;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginScope scope;

    @Activate
    public PageScope(BundleContext context) {
        this.ownBundle = context.getBundle().getBundleId();
    }

    /** Whether what the bundle contributes shows for this visitor. */
    boolean shows(long bundle, Optional<Caller> caller) {
        if (bundle == ownBundle) {
            return true;
        }
        PluginScope current = scope;
        return current != null && current.serves(Map.of(ScopedServices.BUNDLE_ID, bundle), caller.map(Caller::agency).orElse(null));
    }
}
