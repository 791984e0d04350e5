package org.porchlight.api.security;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns the bearer credential of a request ({@code Authorization: Bearer <credential>}) into a
 * {@link Caller}. The REST core asks every registered authenticator in service-ranking order;
 * the first that recognises the credential decides.
 */
@ConsumerType
public interface Authenticator {

    /**
     * @return the caller, or empty if this authenticator does not handle this kind of credential
     * @throws AuthenticationException if it handles the kind but the credential is not valid
     *         (tampered, expired, revoked, unknown key); the message is for the log only
     */
    Optional<Caller> authenticate(String credential) throws AuthenticationException;
}
