package org.porchlight.api.security;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Signs a person in with their e-mail address and password, exactly as the token endpoint does:
 * the same accounts, the same password check and the same throttling of failed attempts. For the
 * few front doors where a person types a password instead of presenting a token, such as HTTP
 * Basic at the web console. Callers must not log, keep or pass on the password.
 *
 * <p>A front door that remembers a verified password for a while (the check is deliberately slow)
 * asks {@link #isCurrent(Caller)} on every request it lets through on that memory, so that
 * disabling the account or changing its role takes effect on the next request, as it does for
 * access tokens.
 *
 * @since 1.2
 */
@ProviderType
public interface PasswordSignIn {

    /**
     * @param email         the sign-in e-mail address as typed
     * @param password      the password as typed
     * @param clientAddress the address the attempt came from; failures are counted per address too
     * @return the account as a caller with {@link Caller.Credential#PASSWORD}
     * @throws SignInBlockedException if too many attempts failed lately; nothing was checked
     * @throws AuthenticationException if the address or the password is wrong, or the account is
     *         not active (which of these is not told; the message is for the log only)
     */
    Caller signIn(String email, String password, String clientAddress) throws AuthenticationException;

    /**
     * Whether {@code caller}, signed in earlier by {@link #signIn}, still describes its account: the
     * account is active and has the same role and agency. Reads the account's current row; no
     * password is checked and no attempt is counted.
     *
     * @param caller a caller this service returned
     * @return false if the account was disabled, deleted or given another role or agency since
     * @since 1.3
     */
    boolean isCurrent(Caller caller);
}
