package org.porchlight.transparency;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An agency's public transparency page.
 *
 * @param timeZone the agency's time zone, in which the months are counted
 * @param months   each month of the range, oldest first: {@code {"month": "2026-11", "<section>": {figures}}}
 *                 for every available section ({@code {}} where it had nothing that month); a figure
 *                 whose value is {@code null} (nothing to compute) is left out, since the API writes no nulls
 * @param sections every registered section, and whether it could answer for this page
 * @param plugins  the plugins the agency uses now where they concern residents: its request policies and camera
 *                 registries, as the platform lets them serve it
 */
public record TransparencyPage(Agency agency, String timeZone, String from, String to, List<Map<String, Object>> months,
        List<Section> sections, Instant generatedAt, List<PluginUse> plugins) {

    public TransparencyPage {
        plugins = plugins == null ? List.of() : List.copyOf(plugins);
    }

    /** A page that lists no plugins (yet). */
    public TransparencyPage(Agency agency, String timeZone, String from, String to, List<Map<String, Object>> months,
            List<Section> sections, Instant generatedAt) {
        this(agency, timeZone, from, to, months, sections, generatedAt, List.of());
    }

    /** This page listing {@code used}. */
    public TransparencyPage withPlugins(List<PluginUse> used) {
        return new TransparencyPage(agency, timeZone, from, to, months, sections, generatedAt, used);
    }

    /**
     * A plugin the agency uses, as its bundle describes itself: never one of its settings.
     *
     * @param kind        {@code request-policy} (limits on the agency's footage requests) or {@code camera-registry}
     *                    (a registry that feeds cameras into the agency's registry)
     * @param plugin      the bundle's symbolic name
     * @param name        the bundle's name
     * @param description the bundle's description, if it has one
     * @param version     the bundle's version
     * @param source      a camera registry's source id, else {@code null}
     */
    public record PluginUse(String kind, String plugin, String name, String description, String version, String source) {
    }

    /** The agency, as the public may know it. */
    public record Agency(String code, String name) {
    }

    /** A section of the page; an unavailable one failed while the page was assembled and is left out of the months. */
    public record Section(String name, boolean available) {
    }

    /** Whether every section answered. */
    public boolean complete() {
        return sections.stream().allMatch(Section::available);
    }
}
