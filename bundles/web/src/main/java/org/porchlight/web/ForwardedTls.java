package org.porchlight.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request that reached a trusted TLS-terminating proxy over HTTPS and the server over plain HTTP:
 * it reads as secure, so that the session and CSRF cookies are {@code Secure} with their
 * {@code __Host-} names, as when the server terminates TLS itself.
 */
final class ForwardedTls extends HttpServletRequestWrapper {

    ForwardedTls(HttpServletRequest request) {
        super(request);
    }

    @Override
    public boolean isSecure() {
        return true;
    }

    @Override
    public String getScheme() {
        return "https";
    }
}
