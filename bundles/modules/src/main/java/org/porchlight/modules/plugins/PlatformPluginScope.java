package org.porchlight.modules.plugins;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.plugins.ScopedServices;

/**
 * The platform's {@link PluginScope}: the scope rule over what each bundle is (the catalogue keeps it per
 * bundle revision) and the in-memory snapshot of which agencies enabled which plugin, so that a call costs
 * two map look-ups.
 */
@Component(service = PluginScope.class)
public class PlatformPluginScope implements PluginScope {

    private final PluginCatalogue catalogue;
    private final AgencyPlugins plugins;

    @Activate
    public PlatformPluginScope(@Reference PluginCatalogue catalogue, @Reference AgencyPlugins plugins) {
        this.catalogue = catalogue;
        this.plugins = plugins;
    }

    @Override
    public boolean serves(Map<String, ?> serviceProperties, String agency) {
        if (serviceProperties == null || !(serviceProperties.get(ScopedServices.BUNDLE_ID) instanceof Number id)) {
            return false;
        }
        PluginBundle bundle = catalogue.bundle(id.longValue());
        return bundle != null && ScopeRule.serves(bundle, serviceProperties.get(AGENCY), agency,
                plugins.enablements().agencies(bundle.symbolicName()));
    }
}
