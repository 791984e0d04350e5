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
