package org.porchlight.api.security;

/**
 * Events the identity bundle posts through the OSGi Event Admin, for bundles whose rules depend on
 * them (incentives count a sign-up only once its address is verified). Properties are strings;
 * none holds personal data beyond the account's id.
 *
 * @since 1.4
 */
public final class IdentityEvents {

    /**
     * A resident verified their e-mail address with the link mailed to it. Posted once per account,
     * after the verification is committed. Property {@link #ACCOUNT}. A handler that may have
     * missed it (its bundle was stopped) asks {@link Accounts#emailVerified}.
     */
    public static final String EMAIL_VERIFIED = "org/porchlight/identity/EMAIL_VERIFIED";

    /** The account's id. */
    public static final String ACCOUNT = "account";

    private IdentityEvents() {
    }
}
