package org.porchlight.incentives.web;

import java.util.Set;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageRequest;

/**
 * Who may do what on the incentives pages, as the REST resources decide it: agency admins, supervisors and PIOs read
 * their own agency's programmes and raffles, only agency admins change them; a page never takes an agency from the URL.
 */
final class Callers {

    /** The staff roles that read campaigns, the ledger and raffles (IncentiveResource, RaffleResource). */
    static final Set<String> READERS = Set.of(Roles.AGENCY_ADMIN, Roles.SUPERVISOR, Roles.PIO);

    private Callers() {
    }

    static Caller caller(PageRequest request) {
        return request.caller().orElseThrow(() -> new ProblemException(ProblemType.UNAUTHENTICATED, "Sign in first."));
    }

    /** The caller's own agency: the only one a staff page shows. */
    static String agency(PageRequest request) {
        Caller caller = caller(request);
        if (caller.agency() == null) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only an agency's staff see its incentives.");
        }
        return caller.agency();
    }

    static boolean admin(PageRequest request) {
        return request.caller().map(c -> c.hasRole(Roles.AGENCY_ADMIN)).orElse(false);
    }

    /** Changes are the agency admin's, as in the REST resources: 403 for the other readers. */
    static void requireAdmin(PageRequest request) {
        if (!admin(request)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the agency's admin changes its incentives.");
        }
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
