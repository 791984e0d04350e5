package org.porchlight.modules.plugins;

import java.util.List;

import org.porchlight.modules.ModuleView;

/**
 * A plugin agencies may enable (or an agency's own bundle), as the catalogue knows it.
 *
 * @param module     the module as the inventory shows it (name, version, publisher, provenance, services, routes)
 * @param kind       catalogue plugin or an agency's own bundle
 * @param owner      the agency whose own bundle it is, or null
 * @param header     its agency-configuration header, or null (then it has no settings)
 * @param attributes what an agency may set, from its metatype; empty without header or metatype
 * @param extensionPoints the SDK interfaces its services implement (e.g. RequestPolicy)
 * @param pages      the portal paths of its pages
 */
public record CataloguePlugin(ModuleView module, PluginBundle.Kind kind, String owner, AgencyConfigurationHeader header,
        List<PluginAttribute> attributes, List<String> extensionPoints, List<String> pages) {

    public String symbolicName() {
        return module.symbolicName();
    }

    /** Whether the agency may see and enable it: every agency a catalogue plugin, only its owner an own bundle. */
    public boolean availableTo(String agency) {
        return kind == PluginBundle.Kind.CATALOGUE || agency.equals(owner);
    }
}
