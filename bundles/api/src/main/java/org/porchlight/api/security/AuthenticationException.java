package org.porchlight.api.security;

/**
 * A credential that is not valid. The message says why for the log; the client gets a generic
 * 401 that does not tell a forged token from an expired one.
 */
public class AuthenticationException extends Exception {

    private static final long serialVersionUID = 1L;

    public AuthenticationException(String reason) {
        super(reason);
    }

    public AuthenticationException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
