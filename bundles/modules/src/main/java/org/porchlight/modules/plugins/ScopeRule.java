package org.porchlight.modules.plugins;

import java.util.Set;

/** The platform's rule whether a service of a bundle acts for an agency (SPEC-23, "Scope rule"); no OSGi, no state. */
final class ScopeRule {

    private ScopeRule() {
    }

    /**
     * @param bundle          the bundle that registered the service
     * @param serviceAgency   the service's {@code porchlight.agency} property, or null
     * @param agency          the agency asking, or null for none in particular
     * @param enabledAgencies the agencies that enabled the bundle's plugin now
     */
    static boolean serves(PluginBundle bundle, Object serviceAgency, String agency, Set<String> enabledAgencies) {
        if (bundle == null) {
            return false;
        }
        if (agency == null) {
            // For no agency in particular (a route naming none, a resident's page): everyone's bundles, never an agency's own.
            return bundle.kind() == PluginBundle.Kind.CORE || bundle.kind() == PluginBundle.Kind.CATALOGUE;
        }
        return switch (bundle.kind()) {
            case CORE -> true;
            case AGENCY_OWNED -> agency.equals(bundle.owner()) && (serviceAgency == null || agency.equals(serviceAgency));
            case CATALOGUE -> enabledAgencies.contains(agency) && (serviceAgency == null || agency.equals(serviceAgency));
            case NONE -> false;
        };
    }

    /**
     * How to treat a bundle.
     *
     * @param core            shipped in {@code system/}
     * @param hasHeader       its manifest has {@code Porchlight-Agency-Configuration}
     * @param owner           the agency whose own bundle it is, or null
     * @param provenance      the inventory's provenance (core, vendor, agency, unverified, unmanaged)
     */
    static PluginBundle.Kind kind(boolean core, boolean hasHeader, String owner, String provenance) {
        if (owner != null) {
            return PluginBundle.Kind.AGENCY_OWNED;
        }
        if (core) {
            return hasHeader ? PluginBundle.Kind.CATALOGUE : PluginBundle.Kind.CORE;
        }
        return switch (provenance) {
            case "core", "vendor" -> PluginBundle.Kind.CATALOGUE; // shipped in plugins/, or a trusted vendor's
            case "agency" -> PluginBundle.Kind.NONE; // an agency key, but no owner known: never for everybody
            // Accepted unsigned under the development setting, or installed around the module manager (the shell,
            // a test's framework): only the platform admin can do either, as with a vendor's module.
            default -> PluginBundle.Kind.CATALOGUE;
        };
    }
}
