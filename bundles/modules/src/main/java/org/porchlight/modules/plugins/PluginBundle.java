package org.porchlight.modules.plugins;

/**
 * What the scope rule needs to know of the bundle that registered an extension service.
 *
 * @param symbolicName the bundle's symbolic name, the plugin's key in the enablement table
 * @param kind         core, an agency's own bundle, a catalogue plugin, or none of them
 * @param owner        the agency whose own bundle it is; null for every other kind
 */
public record PluginBundle(String symbolicName, Kind kind, String owner) {

    /** How the platform treats a bundle's services. */
    public enum Kind {
        /** Shipped in {@code system/} without the agency-configuration header: serves every agency. */
        CORE,
        /** Signed by a key trusted for one agency alone: serves that agency. */
        AGENCY_OWNED,
        /** A plugin agencies enable for themselves. */
        CATALOGUE,
        /** Runs without a trusted signature on a server that does not allow that: serves nobody. */
        NONE
    }
}
