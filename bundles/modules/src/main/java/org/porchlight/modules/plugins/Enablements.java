package org.porchlight.modules.plugins;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which agencies enabled which plugin, as the table said when last read: an immutable snapshot, so
 * that the scope rule asks it without locks or queries.
 *
 * @param rows every agency's plugin rows, enabled or not
 */
public record Enablements(List<AgencyPlugin> rows, Map<String, Set<String>> agenciesByPlugin) {

    /** Nothing enabled (before the first read). */
    public static final Enablements NONE = of(List.of());

    public Enablements {
        rows = List.copyOf(rows);
        agenciesByPlugin = Map.copyOf(agenciesByPlugin);
    }

    public static Enablements of(List<AgencyPlugin> rows) {
        Map<String, Set<String>> byPlugin = new HashMap<>();
        for (AgencyPlugin row : rows) {
            if (row.enabled()) {
                byPlugin.computeIfAbsent(row.plugin(), p -> new TreeSet<>()).add(row.agency());
            }
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        byPlugin.forEach((plugin, agencies) -> frozen.put(plugin, Set.copyOf(agencies)));
        return new Enablements(rows, frozen);
    }

    /** The agencies that enabled the plugin. */
    public Set<String> agencies(String plugin) {
        return plugin == null ? Set.of() : agenciesByPlugin.getOrDefault(plugin, Set.of());
    }

    /** The agencies that enabled the plugin, in order, for showing. */
    public List<String> agenciesSorted(String plugin) {
        return List.copyOf(new TreeSet<>(agencies(plugin)));
    }
}
