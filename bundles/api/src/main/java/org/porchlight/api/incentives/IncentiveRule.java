package org.porchlight.api.incentives;

import java.time.Instant;
import java.util.UUID;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns attributions into credits (units, e.g. cameras) on the agency's ledger. Register it with
 * the service property {@link #NAME}; a campaign names the rule it follows. The rule is asked once
 * per attribution, as the attribution is recorded, and what it answers is written to the ledger
 * for good: a rule that changes, or is replaced by another bundle, applies to later attributions
 * only. Calls for one campaign never overlap.
 */
@ConsumerType
public interface IncentiveRule {

    /** Service property: the rule's name, 1 to 64 of {@code a-z 0-9 . -}, e.g. {@code per-signups}. */
    String NAME = "porchlight.incentive.rule";

    /** Units the agency earns with the attribution {@code tally} describes: 0 or more. */
    int unitsFor(Tally tally);

    /**
     * A campaign's counts, with the new attribution included.
     *
     * @param agency               the agency's code
     * @param campaign             the campaign's id
     * @param attributedAt         when the new attribution was made
     * @param attributionsThisYear the campaign's attributions in the calendar year (UTC) of the new one, itself included
     * @param unitsThisYear        units the campaign earned in that year before this attribution
     * @param attributionsTotal    all the campaign's attributions, the new one included
     * @param unitsTotal           all units the campaign earned before this attribution
     */
    record Tally(String agency, UUID campaign, Instant attributedAt, long attributionsThisYear, long unitsThisYear,
            long attributionsTotal, long unitsTotal) {
    }
}
