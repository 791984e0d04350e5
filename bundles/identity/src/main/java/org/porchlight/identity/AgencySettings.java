package org.porchlight.identity;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;

/**
 * Agencies as their admins and the platform's admins change them, for the API and the portal alike:
 * a known time zone, and a jurisdiction only a platform admin may lay over another agency's.
 */
@Component(service = AgencySettings.class)
public class AgencySettings {

    /** An agency's new jurisdiction overlaps another's and the caller is not a platform admin (403). */
    public static final ProblemType OVERLAP = JurisdictionChanges.OVERLAP;
    /** An agency with the code exists already (409). */
    public static final ProblemType DUPLICATE = Directory.DUPLICATE;

    private final Directory directory;

    @Activate
    public AgencySettings(@Reference Directory directory) {
        this.directory = directory;
    }

    /** Creates an agency (platform admins); 409 {@link #DUPLICATE} if its code is taken, 400 for an unknown time zone. */
    public Agency create(Agency agency) {
        checkZone(agency.timeZone());
        return directory.createAgency(agency);
    }

    /**
     * Replaces agency {@code code}'s settings as {@code caller} asks (its code stays); empty if there is
     * no such agency. 403 {@link #OVERLAP} if an agency admin moves it onto another agency's ground.
     */
    public Optional<Agency> update(Caller caller, String code, Agency update) {
        checkZone(update.timeZone());
        return directory.updateAgency(code, update, all -> JurisdictionChanges.check(caller, code, update.jurisdiction(), all));
    }

    /** 400 naming the field {@code timeZone} unless {@code zone} is a time zone id such as America/Chicago. */
    static void checkZone(String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "Unknown time zone.")
                    .withErrors(List.of(new Problem.FieldError("timeZone", "must be a time zone such as America/Chicago"))));
        }
    }
}
