package org.porchlight.rest.security;

import java.security.Principal;

import jakarta.ws.rs.core.SecurityContext;

import org.porchlight.api.security.Caller;

/** The security context of an authenticated request: the {@link Caller} and its one role. */
record CallerSecurityContext(Caller caller, boolean secure) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return caller;
    }

    @Override
    public boolean isUserInRole(String role) {
        return caller.hasRole(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return "Bearer";
    }
}
