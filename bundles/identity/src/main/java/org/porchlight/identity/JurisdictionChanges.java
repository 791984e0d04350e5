package org.porchlight.identity;

import java.util.List;

import org.porchlight.api.geo.Area;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

/**
 * Who may move an agency's jurisdiction where: its own admins anywhere no other agency covers, a
 * platform admin anywhere. Ground two agencies share tags cameras there to both, so sharing it is
 * a decision for the platform, not for one of the agencies. A jurisdiction left as it is passes,
 * so that an agency whose shared ground a platform admin set can still edit its other settings.
 */
final class JurisdictionChanges {

    static final ProblemType OVERLAP = ProblemType.named("jurisdiction-overlap", "Jurisdiction overlaps another agency's", 403);

    private JurisdictionChanges() {
    }

    /** Refuses the change unless {@code caller} may give agency {@code code} the jurisdiction {@code proposed}. */
    static void check(Caller caller, String code, Area proposed, List<Agency> agencies) {
        if (caller.hasRole(Roles.PLATFORM_ADMIN)) {
            return;
        }
        boolean unchanged = agencies.stream().anyMatch(a -> a.code().equalsIgnoreCase(code) && a.jurisdiction().equals(proposed));
        if (unchanged) {
            return;
        }
        List<String> overlapped = overlapped(code, proposed, agencies);
        if (!overlapped.isEmpty()) {
            throw new ProblemException(OVERLAP, "The new jurisdiction overlaps the jurisdiction of "
                    + String.join(", ", overlapped)
                    + "; only a platform admin can give agencies shared ground.");
        }
    }

    /** The codes of the other agencies whose jurisdictions {@code proposed} overlaps. */
    static List<String> overlapped(String code, Area proposed, List<Agency> agencies) {
        return agencies.stream().filter(a -> !a.code().equalsIgnoreCase(code))
                .filter(a -> JurisdictionOverlap.overlap(proposed, a.jurisdiction())).map(Agency::code).toList();
    }
}
