package org.porchlight.api.security;

import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import jakarta.ws.rs.core.SecurityContext;

/**
 * The authenticated caller of a request, as the REST core established it. It is the
 * {@link SecurityContext#getUserPrincipal() user principal} of the request.
 *
 * @param account the account's id
 * @param role one of {@link Roles}
 * @param agency the agency's short code for staff, {@code null} for everybody else
 * @param credential how the caller proved who they are
 * @param credentialId the id of the API key for {@link Credential#API_KEY}, otherwise {@code null}
 */
public record Caller(UUID account, String role, String agency, Credential credential, String credentialId)
        implements Principal {

    /** How a caller authenticated. */
    public enum Credential {
        /** An access token Porchlight issued. */
        TOKEN,
        /** An access token from an agency's own identity provider (OpenID Connect). */
        EXTERNAL_TOKEN,
        /** A vendor's API key; reaches only methods marked {@link ApiKeyAccess}. */
        API_KEY,
        /**
         * A password typed at a front door that takes one instead of a token, e.g. HTTP Basic at
         * the web console ({@link PasswordSignIn}).
         *
         * @since 1.2
         */
        PASSWORD
    }

    public Caller {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(credential, "credential");
        if (!Roles.ALL.contains(role)) {
            throw new IllegalArgumentException("unknown role " + role);
        }
        if (Roles.STAFF.contains(role) != (agency != null)) {
            throw new IllegalArgumentException("staff, and only staff, belong to an agency");
        }
    }

    /** The caller of the request, if it is authenticated. */
    public static Optional<Caller> of(SecurityContext security) {
        return security != null && security.getUserPrincipal() instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }

    @Override
    public String getName() {
        return account.toString();
    }

    public boolean hasRole(String name) {
        return role.equals(name);
    }

    /** Whether the caller is staff of {@code agencyCode} (case-insensitive short code). */
    public boolean isStaffOf(String agencyCode) {
        return agency != null && agency.equalsIgnoreCase(agencyCode);
    }

    public boolean isResident() {
        return Roles.RESIDENT.equals(role);
    }
}
