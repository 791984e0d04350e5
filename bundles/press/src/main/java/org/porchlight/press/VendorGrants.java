package org.porchlight.press;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.press.store.VendorGrantRows;

/** Which vendor accounts may write an agency's templates, and under which name the public log shows them; the admin decides. */
@Component(service = VendorGrants.class)
public class VendorGrants {

    private final Database database;
    private final Agencies agencies;
    private final Accounts accounts;
    private final VendorGrantRows rows = new VendorGrantRows();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public VendorGrants(@Reference Database database, @Reference Agencies agencies, @Reference Accounts accounts) {
        this.database = database;
        this.agencies = agencies;
        this.accounts = accounts;
    }

    public VendorGrant grant(String agencyCode, UUID vendor, String name, UUID by) {
        AgencyProfile agency = agency(agencies, agencyCode);
        var account = accounts.find(vendor);
        if (account.isEmpty() || !Roles.VENDOR.equals(account.get().role())) {
            throw new ProblemException(PressProblems.INVALID, "Account " + vendor + " is not a vendor account.");
        }
        VendorGrant grant = new VendorGrant(vendor, name.strip(), clock.instant());
        database.inTransaction(c -> {
            rows.grant(c, agency.code(), grant, by);
            return null;
        });
        return grant;
    }

    public void revoke(String agencyCode, UUID vendor) {
        AgencyProfile agency = agency(agencies, agencyCode);
        if (database.inTransaction(c -> rows.revoke(c, agency.code(), vendor)) == 0) {
            throw new ProblemException(PressProblems.NOT_FOUND, "The vendor has no grant for this agency.");
        }
    }

    public List<VendorGrant> grants(String agencyCode) {
        AgencyProfile agency = agency(agencies, agencyCode);
        return database.withConnection(c -> rows.list(c, agency.code()));
    }

    /** The agencies that granted this vendor account press drafting, by code (what the vendor's own page lists). */
    public List<VendorGrantRows.AgencyGrant> grantsOf(UUID vendor) {
        return database.withConnection(c -> rows.ofVendor(c, vendor));
    }

    static AgencyProfile agency(Agencies agencies, String code) {
        return agencies.find(code).orElseThrow(() -> new ProblemException(PressProblems.NOT_FOUND, "No such agency."));
    }
}
