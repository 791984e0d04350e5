package org.porchlight.console;

import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PasswordSignIn;
import org.porchlight.api.security.Roles;

/**
 * The callers that HTTP Basic credentials name at the console: the slow password check is
 * remembered for platform admins, but whether the account is still an active platform admin is
 * asked on every request, so that disabling it or changing its role closes the console at once.
 */
final class PasswordCallers {

    private final PasswordSignIn passwords;
    private final VerifiedPasswords verified;

    PasswordCallers(PasswordSignIn passwords, VerifiedPasswords verified) {
        this.passwords = passwords;
        this.verified = verified;
    }

    /**
     * The caller the Basic credential ({@code value}, still encoded) names.
     *
     * @throws AuthenticationException if it is malformed, or the address or password is wrong, or
     *         the account is not active
     */
    Caller caller(String value, String clientAddress) throws AuthenticationException {
        Caller known = verified.find(value);
        if (known != null) {
            if (passwords.isCurrent(known)) {
                return known;
            }
            verified.forget(value); // disabled or given another role since: check it as a new sign-in would
        }
        BasicCredentials credentials = BasicCredentials.parse(value)
                .orElseThrow(() -> new AuthenticationException("malformed Basic credentials"));
        Caller caller = passwords.signIn(credentials.email(), credentials.password(), clientAddress);
        if (isPlatformAdmin(caller)) {
            verified.remember(value, caller);
        }
        return caller;
    }

    /** Forgets the credential, so that its next use checks the password again. */
    void forget(String value) {
        verified.forget(value);
    }

    /** The console's rule: the platform admin role, from a person's own credential (not a vendor's API key). */
    static boolean isPlatformAdmin(Caller caller) {
        return caller.hasRole(Roles.PLATFORM_ADMIN) && caller.credential() != Caller.Credential.API_KEY;
    }
}
