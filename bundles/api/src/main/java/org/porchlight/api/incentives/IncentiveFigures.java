package org.porchlight.api.incentives;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What an agency received from incentive programmes, for disclosures: a press release that
 * mentions a partner programme carries these figures.
 */
@ProviderType
public interface IncentiveFigures {

    /** The agency's programmes, oldest first, with their figures to date. */
    List<Programme> programmes(String agencyCode);

    /**
     * @param campaign          the campaign's id
     * @param name              the campaign's name
     * @param partner           who gives the units, e.g. the camera vendor
     * @param signUpsAttributed residents' sign-ups attributed to its codes and counted (their addresses verified)
     * @param unitsEarned       units the agency earned from it
     * @param unitsGivenAway    of those, units given away (raffles)
     * @param since             when the campaign started
     */
    record Programme(UUID campaign, String name, String partner, long signUpsAttributed, long unitsEarned, long unitsGivenAway,
            Instant since) {
    }
}
