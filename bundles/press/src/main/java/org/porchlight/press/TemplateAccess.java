package org.porchlight.press;

import java.util.UUID;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;
import org.porchlight.press.store.VendorGrantRows;

/**
 * Who may do what with an agency's templates: its PIO and the vendors it granted write (a vendor
 * only its own templates), its PIO and admin read, approve, reject and publish. For an agency
 * that did not grant a vendor, everything is 404: none of the vendor's business.
 */
final class TemplateAccess {

    private final Database database;
    private final VendorGrantRows grants;

    TemplateAccess(Database database, VendorGrantRows grants) {
        this.database = database;
        this.grants = grants;
    }

    static boolean isVendor(Caller caller) {
        return Roles.VENDOR.equals(caller.role());
    }

    /** The author a caller writes as: the agency's PIO, or a vendor the agency granted; anybody else is refused. */
    Author author(Caller caller, String agency) {
        if (caller.hasRole(Roles.PIO) && caller.isStaffOf(agency)) {
            return new Author(Roles.PIO, null);
        }
        if (isVendor(caller)) {
            return new Author(Roles.VENDOR, grantedName(caller, agency));
        }
        throw new ProblemException(ProblemType.FORBIDDEN, "Only the agency's PIO or a vendor it granted write its templates.");
    }

    /** Refuses (404) a caller who may not read the agency's templates. */
    void requireReader(Caller caller, String agency) {
        if (isVendor(caller)) {
            grantedName(caller, agency);
        } else if (!caller.isStaffOf(agency)) {
            throw new ProblemException(PressProblems.NOT_FOUND, "No such agency.");
        }
    }

    /** Refuses (403) a caller who is not the agency's PIO or admin. */
    void requireApprover(Caller caller, String agency) {
        if (!(caller.hasRole(Roles.PIO) || caller.hasRole(Roles.AGENCY_ADMIN)) || !caller.isStaffOf(agency)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only the agency's PIO or admin approve, reject or publish.");
        }
    }

    /** Whether this caller may see this template: a vendor only the ones it started. */
    static boolean sees(Caller caller, String agency, String templateAgency, UUID createdBy) {
        return templateAgency.equals(agency) && (!isVendor(caller) || createdBy.equals(caller.account()));
    }

    private String grantedName(Caller caller, String agency) {
        return database.withConnection(c -> grants.name(c, agency, caller.account()))
                .orElseThrow(() -> new ProblemException(PressProblems.NOT_FOUND, "No such agency."));
    }
}
