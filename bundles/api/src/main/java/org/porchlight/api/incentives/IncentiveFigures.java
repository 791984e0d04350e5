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
     * What a public text may name when it refers to the agency's programmes: every partner's registered name and aliases,
     * every campaign's name, and every referral code the agency ever issued (valid or not), as entered, without any
     * matching applied. A text that uses any of them carries the disclosure block.
     *
     * @since 1.1
     */
    DisclosureTerms disclosureTerms(String agencyCode);

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

    /**
     * @param partnerNames  the partners' registered names and their aliases, e.g. {@code Acme Doorbells Inc.}, {@code Acme}
     * @param campaignNames the campaigns' names
     * @param referralCodes the referral codes, normalised (upper case, no separators)
     * @since 1.1
     */
    record DisclosureTerms(List<String> partnerNames, List<String> campaignNames, List<String> referralCodes) {

        public DisclosureTerms {
            partnerNames = List.copyOf(partnerNames);
            campaignNames = List.copyOf(campaignNames);
            referralCodes = List.copyOf(referralCodes);
        }

        /** No programme at all. */
        public static final DisclosureTerms NONE = new DisclosureTerms(List.of(), List.of(), List.of());
    }
}
