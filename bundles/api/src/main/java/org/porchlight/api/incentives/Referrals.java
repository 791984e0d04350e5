package org.porchlight.api.incentives;

import java.time.Instant;
import java.util.UUID;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Attributes residents to referral codes. The identity bundle calls it when a resident signs up
 * with a code; the resident may also enter one within a grace period after signing up. A
 * resident is attributed to at most one code, once.
 */
@ProviderType
public interface Referrals {

    /**
     * Attributes {@code resident}, who signed up at {@code signedUpAt}, to {@code code}. The
     * attribution is pending, and earns nothing, until the resident's e-mail address is verified
     * ({@link org.porchlight.api.security.IdentityEvents#EMAIL_VERIFIED}); then it counts, once.
     *
     * @throws org.porchlight.api.problem.ProblemException a 4xx naming what is wrong: the code is
     *         unknown (404), not yet or no longer valid, or used up (409), the resident is already
     *         attributed (409), or the grace period has passed (422)
     */
    Attribution attribute(UUID resident, Instant signedUpAt, String code);

    /**
     * Whether {@code code} could be used for a sign-up now, and whose it is, without recording
     * anything: what a sign-up form shows next to the field before the resident signs up.
     *
     * @throws org.porchlight.api.problem.ProblemException the problems {@link #attribute} gives for
     *         the code itself: unknown (404), not yet or no longer valid, or used up (409)
     * @since 1.2
     */
    CodeCheck check(String code);

    /**
     * A referral code that can be used now.
     *
     * @param code       the code as residents see it
     * @param agency     the code of the agency whose campaign it belongs to
     * @param agencyName that agency's name
     * @param partner    the campaign's partner (e.g. the camera maker), or {@code null}
     * @param validUntil the end of the code's validity
     * @since 1.2
     */
    record CodeCheck(String code, String agency, String agencyName, String partner, Instant validUntil) {
    }

    /**
     * An attribution as recorded.
     *
     * @param agency   the code of the agency whose campaign the code belongs to
     * @param campaign the campaign's id
     * @param code     the referral code, normalised
     * @param at       when it was recorded
     */
    record Attribution(String agency, UUID campaign, String code, Instant at) {
    }
}
