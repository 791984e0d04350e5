package org.porchlight.modules.plugins;

import java.util.Set;

/** The platform's rule whether a service of a bundle acts for an agency (SPEC-23, "Scope rule"); no OSGi, no state. */
final class ScopeRule {

    private ScopeRule() {
    }

    /**
     * @param bundle          the bundle that registered the service
     * @param serviceAgency   the service's {@code porchlight.agency} property, or null
     * @param agency          the agency asking
     * @param enabledAgencies the agencies that enabled the bundle's plugin now
     */
    static boolean serves(PluginBundle bundle, Object serviceAgency, String agency, Set<String> enabledAgencies) {
        if (agency == null || bundle == null) {
            return false;
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
     * @param unsignedAllowed the development setting that runs modules without a trusted signature
     */
    static PluginBundle.Kind kind(boolean core, boolean hasHeader, String owner, String provenance, boolean unsignedAllowed) {
        if (owner != null) {
            return PluginBundle.Kind.AGENCY_OWNED;
        }
        if (core) {
            return hasHeader ? PluginBundle.Kind.CATALOGUE : PluginBundle.Kind.CORE;
        }
        return switch (provenance) {
            case "core", "vendor" -> PluginBundle.Kind.CATALOGUE; // shipped in plugins/, or a trusted vendor's
            case "agency" -> PluginBundle.Kind.NONE; // an agency key, but no owner known: never for everybody
            default -> unsignedAllowed ? PluginBundle.Kind.CATALOGUE : PluginBundle.Kind.NONE;
        };
    }
}
