package org.porchlight.modules.plugins;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.MetaTypeService;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.modules.InstalledModules;
import org.porchlight.modules.ModuleView;

/**
 * The plugin catalogue: which installed bundles are catalogue plugins or agencies' own bundles, what
 * each adds, and what an agency may set (the metatype of the factory PID its header names). Knows
 * what each bundle is per bundle revision, so that the scope rule asks it cheaply.
 */
@Component(service = PluginCatalogue.class)
public class PluginCatalogue {

    /** What a bundle is, as of its last change (an update changes its last-modified time). */
    private record Known(long lastModified, PluginBundle bundle) {
    }

    private static final String SDK = "org.porchlight.api.";

    private final BundleContext context;
    private final InstalledModules modules;
    private final Map<Long, Known> known = new ConcurrentHashMap<>();
    private final PluginDescriptions descriptions;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MetaTypeService metatype;

    @Activate
    public PluginCatalogue(BundleContext context, @Reference InstalledModules modules) {
        this.context = context;
        this.modules = modules;
        this.descriptions = new PluginDescriptions(context);
    }

    /** What the bundle is; null once it is uninstalled. */
    PluginBundle bundle(long id) {
        Bundle bundle = modules.bundle(id).orElse(null);
        if (bundle == null) {
            known.remove(id);
            return null;
        }
        Known k = known.get(id);
        if (k == null || k.lastModified() != bundle.getLastModified()) {
            k = new Known(bundle.getLastModified(), classify(bundle));
            known.put(id, k);
        }
        return k.bundle();
    }

    /** Every catalogue plugin and agency's own bundle installed now, by symbolic name. */
    public List<CataloguePlugin> plugins() {
        List<CataloguePlugin> plugins = new ArrayList<>();
        for (ModuleView module : modules.list()) {
            Bundle bundle = context.getBundle(module.id());
            PluginBundle kind = bundle == null || isFragment(bundle) ? null : bundle(module.id());
            if (kind != null && (kind.kind() == PluginBundle.Kind.CATALOGUE || kind.kind() == PluginBundle.Kind.AGENCY_OWNED)) {
                plugins.add(describe(bundle, module, kind));
            }
        }
        plugins.sort((a, b) -> a.symbolicName().compareTo(b.symbolicName()));
        return plugins;
    }

    /**
     * The installed plugins with the agency-configuration header, without what they add: what a reload
     * needs, without touching other bundles' services (asking a page for its path could activate it).
     */
    public List<CataloguePlugin> configurable() {
        List<CataloguePlugin> plugins = new ArrayList<>();
        Set<Long> installed = new HashSet<>();
        for (Bundle bundle : context.getBundles()) {
            installed.add(bundle.getBundleId());
            AgencyConfigurationHeader header = header(bundle);
            PluginBundle kind = header == null || isFragment(bundle) ? null : bundle(bundle.getBundleId());
            if (kind != null && (kind.kind() == PluginBundle.Kind.CATALOGUE || kind.kind() == PluginBundle.Kind.AGENCY_OWNED)) {
                modules.view(bundle.getBundleId()).ifPresent(module -> plugins.add(new CataloguePlugin(module, kind.kind(),
                        kind.owner(), header, descriptions.attributes(bundle, header, metatype), List.of(), List.of())));
            }
        }
        descriptions.retain(installed); // a reload goes over every bundle: the moment to forget uninstalled ones
        return plugins;
    }

    /** The plugin with this symbolic name, if one is installed. */
    public Optional<CataloguePlugin> plugin(String symbolicName) {
        return plugins().stream().filter(p -> p.symbolicName().equals(symbolicName)).findFirst();
    }

    /** Whether the plugin's settings can be read now (its metatype, through the MetaType service). */
    public boolean settingsKnown(CataloguePlugin plugin) {
        return plugin.header() == null || !plugin.attributes().isEmpty();
    }

    /**
     * The plugin as the catalogue shows it: the module view as it is now around what the bundle lets agencies set
     * and the pages it adds, which are read once per revision and state of the bundle.
     */
    private CataloguePlugin describe(Bundle bundle, ModuleView module, PluginBundle kind) {
        AgencyConfigurationHeader header = header(bundle);
        TreeSet<String> points = new TreeSet<>();
        for (String service : module.services()) {
            if (service.startsWith(SDK)) {
                points.add(service.substring(service.lastIndexOf('.') + 1));
            }
        }
        List<PluginAttribute> attributes = header == null ? List.of() : descriptions.attributes(bundle, header, metatype);
        return new CataloguePlugin(module, kind.kind(), kind.owner(), header, attributes, List.copyOf(points),
                descriptions.pages(bundle));
    }

    private static AgencyConfigurationHeader header(Bundle bundle) {
        return AgencyConfigurationHeader.parse(bundle.getHeaders().get(PluginScope.AGENCY_CONFIGURATION_HEADER)).orElse(null);
    }

    private PluginBundle classify(Bundle bundle) {
        String owner = modules.ownerAgency(bundle.getBundleId()).orElse(null);
        boolean header = bundle.getHeaders().get(PluginScope.AGENCY_CONFIGURATION_HEADER) != null;
        String provenance = modules.view(bundle.getBundleId()).map(ModuleView::provenance).orElse("unmanaged");
        return new PluginBundle(bundle.getSymbolicName(),
                ScopeRule.kind(modules.isCore(bundle), header, owner, provenance), owner);
    }

    private static boolean isFragment(Bundle bundle) {
        return bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
    }
}
