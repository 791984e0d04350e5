/**
 * Incentive programmes: referral codes that attribute residents' sign-ups to an agency's
 * campaign ({@link org.porchlight.api.incentives.Referrals}), and the rules that turn
 * attributions into credits on the agency's ledger ({@link org.porchlight.api.incentives.IncentiveRule}).
 */
@Version("1.2.0")
@Export
package org.porchlight.api.incentives;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
