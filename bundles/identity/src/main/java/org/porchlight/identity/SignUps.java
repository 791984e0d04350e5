package org.porchlight.identity;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.incentives.Referrals;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resident's sign-up and the mails that verify their address, for the API and the portal alike:
 * throttled per client network, answered the same whether or not the address had an account, with a
 * referral code passed on to the incentives bundle when it runs.
 */
@Component(service = SignUps.class)
public class SignUps {

    /** The account asked about does not exist (any more). */
    public static final ProblemType NO_ACCOUNT = ProblemType.NOT_FOUND;

    private static final Logger LOG = LoggerFactory.getLogger(SignUps.class);

    private final Directory directory;
    private final SignUpThrottle throttle;
    private final EmailVerifications verifications;

    /** The incentives bundle, when it runs: sign-ups with a referral code are attributed to it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Referrals referrals;

    @Activate
    public SignUps(@Reference Directory directory, @Reference SignUpThrottle throttle,
            @Reference EmailVerifications verifications) {
        this.directory = directory;
        this.throttle = throttle;
        this.verifications = verifications;
    }

    /**
     * Signs a resident up from {@code clientAddress}. Every attempt counts against the client's network
     * (429 {@code too-many-attempts} with {@code Retry-After} once it is used up); a password the policy
     * refuses is a 400 naming the field {@code password}. Nothing tells whether the address had an account.
     */
    public void signUp(String clientAddress, String email, String password, String displayName, String referralCode) {
        throttle.signUp(clientAddress).ifPresent(wait -> refuse(wait, "Too many sign-ups from this network; try again in "));
        Optional<Account> created = directory.signUpResident(email, password, displayName);
        verifications.welcome(email, created);
        created.ifPresent(account -> attribute(account, referralCode));
    }

    /**
     * Whether {@code code} could be used now and whose it is, recording nothing; empty when no incentives
     * bundle runs. The incentives bundle's problems (404 unknown, 409 not valid now or used up) pass through.
     */
    public Optional<Referrals.CodeCheck> checkReferral(String code) {
        Referrals incentives = referrals;
        return incentives == null ? Optional.empty() : Optional.of(incentives.check(code));
    }

    /** Whether sign-ups can carry a referral code now, that is whether the incentives bundle runs. */
    public boolean takesReferralCodes() {
        return referrals != null;
    }

    /**
     * Mails the resident another verification link: 409 {@code email-already-verified}, 429 once
     * {@code verificationResends} are used up in the window, 503 without e-mail.
     */
    public void resend(UUID resident) {
        Account account = directory.account(resident)
                .orElseThrow(() -> new ProblemException(NO_ACCOUNT, "No such account."));
        if (verifications.verified(resident)) {
            throw new ProblemException(EmailVerifications.ALREADY_VERIFIED, "Your e-mail address is verified already.");
        }
        throttle.resend(resident).ifPresent(wait -> refuse(wait, "Too many verification mails; try again in "));
        verifications.resend(resident, account.email());
    }

    private static void refuse(Duration wait, String text) {
        long seconds = Math.max(1, wait.toSeconds());
        throw new ProblemException(ProblemType.TOO_MANY_ATTEMPTS, text + seconds + " s.")
                .withHeader("Retry-After", Long.toString(seconds));
    }

    /**
     * Attributes a new resident to the code they signed up with. The answer to the sign-up says
     * nothing about it (it must not tell whether the address had an account); a code that does not
     * apply is for the resident to see at {@code /api/me/referral} and to enter again.
     */
    private void attribute(Account account, String referralCode) {
        Referrals incentives = referrals;
        if (referralCode == null || referralCode.isBlank() || incentives == null) {
            return;
        }
        try {
            incentives.attribute(account.id(), account.createdAt(), referralCode);
        } catch (RuntimeException e) {
            LOG.debug("A sign-up's referral code did not apply: {}", e.getMessage());
        }
    }
}
