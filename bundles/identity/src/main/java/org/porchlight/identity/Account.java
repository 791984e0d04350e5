package org.porchlight.identity;

import java.time.Instant;
import java.util.UUID;

import org.porchlight.api.security.Caller;

/**
 * An account as its owner and its administrators see it: {@code phone} and {@code language} are the
 * owner's profile (empty if not given), {@code lastSignInAt} the last sign-in with the password.
 */
public record Account(UUID id, String role, String agency, String email, String displayName, String status,
        Instant createdAt, String phone, String language, Instant lastSignInAt) {

    static final String PENDING = "PENDING";
    static final String ACTIVE = "ACTIVE";
    static final String DISABLED = "DISABLED";

    Caller caller() {
        return caller(Caller.Credential.TOKEN);
    }

    Caller caller(Caller.Credential credential) {
        return new Caller(id, role, agency, credential, null);
    }
}
