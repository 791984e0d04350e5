package org.porchlight.modules.plugins;

import java.time.Instant;
import java.util.Map;

/**
 * One agency's choice about one plugin: whether it is enabled and the settings it gave.
 *
 * @param agency    the agency's code
 * @param plugin    the plugin's symbolic name
 * @param enabled   whether the agency uses it
 * @param settings  the settings as the agency gave them, validated against the plugin's metatype
 * @param changedAt when it last changed
 * @param changedBy the account (or system component) that changed it
 * @param version   counts the changes
 */
public record AgencyPlugin(String agency, String plugin, boolean enabled, Map<String, Object> settings, Instant changedAt,
        String changedBy, long version) {

    public AgencyPlugin {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
