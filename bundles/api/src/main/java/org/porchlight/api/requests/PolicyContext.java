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

    /**
     * How many other requests of the agency, created at or after {@code since}, were submitted: waiting for a
     * supervisor's approval, sent to residents, or ended after they were sent. Drafts (also those a supervisor sent
     * back) and requests withdrawn before they were sent do not count, nor does the draft being checked. For limits
     * over time, such as a weekly cap: {@code requestsSince(now().minus(Duration.ofDays(7)))}. Counted when called, on the
     * check's own database connection: call it during {@code evaluate}, not later.
     *
     * @since 1.1
     */
    int requestsSince(Instant since);
}
