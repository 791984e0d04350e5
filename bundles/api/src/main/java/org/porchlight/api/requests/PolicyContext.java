package org.porchlight.api.requests;

import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;
import org.porchlight.api.tenancy.AgencyProfile;

/** What a policy may need beyond the draft itself. */
@ProviderType
public interface PolicyContext {

    /** The agency, with its policy settings. */
    AgencyProfile agency();

    /** The time of the check. */
    Instant now();

    /** The draft's area in square miles. */
    double areaSquareMiles();

    /** Whether the draft's area lies entirely within the agency's jurisdiction. */
    boolean withinJurisdiction();

    /** How many other requests (not withdrawn drafts) the agency has for the draft's case number. */
    int otherRequestsForCase();
}
