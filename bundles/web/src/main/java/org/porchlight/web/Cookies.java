package org.porchlight.web;

import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The portal's cookies: always {@code HttpOnly}, {@code SameSite=Lax} and {@code Path=/}; over TLS also
 * {@code Secure} and named with the {@code __Host-} prefix, which a browser accepts only from this very
 * host over TLS, so that a neighbouring subdomain cannot plant one. The Servlet API's {@code Cookie}
 * has no SameSite, so the header is written here.
 */
final class Cookies {

    private Cookies() {
    }

    /** The cookie's name for this request: {@code __Host-<base>} over TLS, {@code <base>} otherwise. */
    static String name(HttpServletRequest request, String base) {
        return request.isSecure() ? "__Host-" + base : base;
    }

    static Optional<String> read(HttpServletRequest request, String base) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        String name = name(request, base);
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name) && !cookie.getValue().isEmpty()) {
                return Optional.of(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * Sets a cookie.
     *
     * @param maxAge how long the browser keeps it; {@code null} for a session cookie (until the browser closes)
     */
    static void write(HttpServletRequest request, HttpServletResponse response, String base, String value, Duration maxAge) {
        response.addHeader("Set-Cookie", header(request.isSecure(), name(request, base), value, maxAge));
    }

    /** Tells the browser to forget the cookie. */
    static void clear(HttpServletRequest request, HttpServletResponse response, String base) {
        response.addHeader("Set-Cookie", header(request.isSecure(), name(request, base), "", Duration.ZERO));
    }

    static String header(boolean secure, String name, String value, Duration maxAge) {
        StringBuilder header = new StringBuilder(name).append('=').append(value).append("; Path=/; HttpOnly; SameSite=Lax");
        if (secure) {
            header.append("; Secure");
        }
        if (maxAge != null) {
            header.append("; Max-Age=").append(maxAge.toSeconds());
        }
        return header.toString();
    }
}
