package org.porchlight.modules.plugins;

/**
 * A plugin as one agency sees it: the catalogue's entry and the agency's choice, if it made one.
 *
 * @param plugin the catalogue's entry
 * @param choice the agency's row; null if it never enabled the plugin
 */
public record AgencyPluginState(CataloguePlugin plugin, AgencyPlugin choice) {

    public boolean enabled() {
        return choice != null && choice.enabled();
    }
}
