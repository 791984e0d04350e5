package org.porchlight.press;

import java.util.UUID;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.tenancy.AgencyProfile;

/**
 * The four-eyes rule: the author of a version does not approve it, unless the agency's policy sets
 * {@value #SELF_APPROVAL} to {@code true}, and then the release log shows that it happened.
 */
final class FourEyes {

    /** The agency policy setting that lets an author approve their own version; anything but {@code true} is off. */
    static final String SELF_APPROVAL = "pressSelfApproval";

    private FourEyes() {
    }

    /**
     * Whether this approval is the author's own (allowed by the agency's policy); refuses it when
     * the policy does not allow it.
     *
     * @param author the account that wrote the version to approve
     */
    static boolean selfApproved(UUID author, Caller approver, AgencyProfile agency, int version) {
        if (!author.equals(approver.account())) {
            return false;
        }
        if (Boolean.TRUE.equals(agency.policy().get(SELF_APPROVAL))) {
            return true;
        }
        throw new ProblemException(PressProblems.SELF_APPROVAL, "Version " + version + " is yours: another PIO or an "
                + "agency admin approves it (four eyes; the agency policy " + SELF_APPROVAL + " is off).");
    }
}
