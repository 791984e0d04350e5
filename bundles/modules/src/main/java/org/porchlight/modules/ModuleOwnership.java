package org.porchlight.modules;

import java.util.Locale;
import java.util.Optional;

/**
 * Whose module a file may become: a file signed by an agency's key is that agency's own module, so
 * an agency's admin installs or updates only files signed for that agency, and an update never
 * changes whose module it is (from one agency to another, nor between an agency's and nobody's).
 * A pure decision, kept apart from the manager so that the rule can be tested without a framework.
 */
final class ModuleOwnership {

    /** Whether the file would become a new module or replace a running one. */
    enum Change { INSTALL, UPDATE }

    private ModuleOwnership() {
    }

    /** The agency the accepted file is signed for (by a key trusted for that agency alone); null for any other file. */
    static String signedFor(TrustDecision.Accepted jar) {
        return jar.provenance() == Provenance.AGENCY ? jar.publisher() : null;
    }

    /**
     * Why the file may not go ahead, or empty if it may.
     *
     * @param signedFor the agency the file is signed for, or null (see {@link #signedFor})
     * @param forAgency the agency whose admin acts, or null when the platform acts (it installs any trusted module)
     * @param owner     the agency whose own module the running one is; empty for a new module or nobody's
     * @param change    install or update
     */
    static Optional<String> refusal(String signedFor, String forAgency, Optional<String> owner, Change change) {
        if (forAgency != null && (signedFor == null || !forAgency.equalsIgnoreCase(signedFor))) {
            return Optional.of("an agency's own module must be signed by a key the platform trusts for that agency "
                    + "(etc/trust/agency/" + forAgency.toUpperCase(Locale.ROOT) + "/), and this file is "
                    + (signedFor == null ? "not" : "signed for another agency"));
        }
        boolean changesOwner = owner.isPresent()
                ? signedFor == null || !owner.get().equalsIgnoreCase(signedFor)
                : change == Change.UPDATE && signedFor != null;
        if (changesOwner) {
            return Optional.of(owner.isPresent()
                    ? "the module is agency " + owner.get() + "'s own; its updates must be signed by that agency's key"
                    : "the module is not an agency's own; an update signed by an agency's key would make it one");
        }
        return Optional.empty();
    }
}
