package org.porchlight.requests.web.agency;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PagePaths;

/** What the agency's request pages share: the staff member a page acts for, and reading ids and numbers from a path or form. */
final class StaffPages {

    private StaffPages() {
    }

    /** The signed-in staff member, their agency and its time zone. */
    record Staff(Caller caller, AgencyProfile agency, ZoneId zone) {
    }

    static Staff staff(PageRequest request, Agencies agencies) {
        Caller caller = request.caller().orElseThrow(() -> new ProblemException(ProblemType.FORBIDDEN, "Staff only."));
        if (caller.agency() == null || !AgencyRequestsPage.STAFF.contains(caller.role())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Staff only.");
        }
        AgencyProfile agency = agencies.find(caller.agency()).orElseThrow(StaffPages::notFound);
        return new Staff(caller, agency, agency.zone());
    }

    static void requireDrafter(Staff staff) {
        if (!AgencyRequestsPage.DRAFTERS.contains(staff.caller().role())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Officers and supervisors draft and move requests.");
        }
    }

    static UUID id(String text) {
        return PagePaths.id(text);
    }

    static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such request.");
    }

    static List<String> types() {
        List<String> types = new ArrayList<>();
        for (IncidentType t : IncidentType.values()) {
            types.add(t.name());
        }
        return types;
    }
}
