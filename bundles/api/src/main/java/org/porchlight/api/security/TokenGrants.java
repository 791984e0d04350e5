package org.porchlight.api.security;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Porchlight's own tokens for front doors that keep a sign-in themselves, such as the web
 * portal's session cookie: the same grants as the token endpoint ({@code POST /api/auth/token}),
 * the same accounts, the same throttled password check, the same short-lived access tokens and
 * rotating, single-use refresh tokens, the same revocation. A front door stores the tokens; it
 * must not log them, and it must not keep the password.
 *
 * @since 1.5
 */
@ProviderType
public interface TokenGrants {

    /**
     * A sign-in: the caller, its access token and the refresh token that renews it.
     *
     * @param caller         the account, with {@link Caller.Credential#TOKEN}
     * @param accessToken    an access token, as the token endpoint issues them
     * @param accessExpires  when the access token expires
     * @param refreshToken   the single-use refresh token; its successor comes with each {@link #refresh}
     */
    record Grant(Caller caller, String accessToken, Instant accessExpires, String refreshToken) {

        public Grant {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(accessToken, "accessToken");
            Objects.requireNonNull(accessExpires, "accessExpires");
            Objects.requireNonNull(refreshToken, "refreshToken");
        }
    }

    /**
     * Signs a person in with e-mail address and password, exactly as {@link PasswordSignIn} does
     * (and counted by the same throttle).
     *
     * @param email         the sign-in e-mail address as typed
     * @param password      the password as typed
     * @param clientAddress the address the attempt came from
     * @return the grant of a new sign-in
     * @throws SignInBlockedException if too many attempts failed lately; nothing was checked
     * @throws AuthenticationException if the address or password is wrong or the account is not active
     */
    Grant signIn(String email, String password, String clientAddress) throws AuthenticationException;

    /**
     * The caller of an access token this service issued, checked as the REST core checks it:
     * signature, expiry, and that the account is still active with the token's role and agency.
     *
     * @param accessToken the token as stored
     * @return empty if the token is not valid, expired included (then try {@link #refresh})
     */
    Optional<Caller> caller(String accessToken);

    /**
     * Renews a sign-in: uses the refresh token up and returns a new access token and the refresh
     * token's successor. A refresh token presented a second time revokes its whole sign-in.
     *
     * @param refreshToken the newest refresh token of a sign-in
     * @return empty if the token is unknown, used, revoked or expired, or the account is no longer active
     */
    Optional<Grant> refresh(String refreshToken);

    /**
     * Signs out: revokes the refresh token and every token of the same sign-in. Unknown tokens are
     * ignored. Access tokens already issued stay valid until they expire, as for the token endpoint.
     *
     * @param refreshToken a refresh token of the sign-in
     */
    void signOut(String refreshToken);
}
