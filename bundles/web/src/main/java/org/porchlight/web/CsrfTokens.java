package org.porchlight.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CSRF protection of every form, stateless (double submit): a random token lives in an HttpOnly
 * cookie and every form posts it again as the field {@value #FIELD}. A POST passes only if both are
 * present and equal, and if the page it came from ({@code Origin}, else {@code Referer}, when the
 * browser names one; {@code Sec-Fetch-Site} where the browser sends it) is this host. Another site can make a browser send the cookie but can neither
 * read it nor set it (SameSite=Lax, and the {@code __Host-} prefix over TLS), so it cannot fill in
 * the field. The token is replaced at sign-in and sign-out.
 */
final class CsrfTokens {

    static final String COOKIE = "pl_csrf";
    static final String FIELD = "csrf";
    private static final String ATTRIBUTE = CsrfTokens.class.getName();
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfTokens() {
    }

    /** The request's token for its forms; issues one (and its cookie) if the browser has none. */
    static String token(HttpServletRequest request, HttpServletResponse response) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof String token) {
            return token;
        }
        Optional<String> cookie = Cookies.read(request, COOKIE).filter(v -> SHAPE.matcher(v).matches());
        if (cookie.isPresent()) {
            request.setAttribute(ATTRIBUTE, cookie.get());
            return cookie.get();
        }
        return rotate(request, response);
    }

    /** A fresh token, replacing the browser's (sign-in and sign-out). */
    static String rotate(HttpServletRequest request, HttpServletResponse response) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Cookies.write(request, response, COOKIE, token, null);
        request.setAttribute(ATTRIBUTE, token);
        return token;
    }

    /** Whether a POST carries the browser's token and comes from this host's pages. */
    static boolean verify(HttpServletRequest request) {
        Optional<String> cookie = Cookies.read(request, COOKIE).filter(v -> SHAPE.matcher(v).matches());
        String field = request.getParameter(FIELD);
        if (cookie.isEmpty() || field == null) {
            return false;
        }
        boolean same = MessageDigest.isEqual(cookie.get().getBytes(StandardCharsets.US_ASCII),
                field.getBytes(StandardCharsets.UTF_8));
        return same && sameOrigin(request.getHeader("Origin"), request.getHeader("Referer"), request.getHeader("Host"),
                request.getHeader("Sec-Fetch-Site"));
    }

    /**
     * As {@link #sameOrigin(String, String, String)}, with the browser's {@code Sec-Fetch-Site}
     * (null if it sends none): anything but {@code same-origin} there is refused. The portal's
     * {@code Referrer-Policy: no-referrer} (see {@link SecurityHeaders}) has browsers send
     * {@code Origin: null} even with forms of its own pages; that passes only where
     * {@code Sec-Fetch-Site} says {@code same-origin}, or where the browser is too old to send it
     * (then, as with no {@code Origin} at all, the token decides).
     */
    static boolean sameOrigin(String origin, String referer, String host, String fetchSite) {
        if (fetchSite != null && !"same-origin".equals(fetchSite.trim())) {
            return false;
        }
        boolean withheld = origin != null && origin.trim().equals("null");
        return withheld ? referer == null || sameOrigin(null, referer, host) : sameOrigin(origin, referer, host);
    }

    /**
     * Whether the page that sent a request is this host's, as far as the browser says: the host and
     * port of {@code origin}, else of {@code referer}, must be {@code host}. Naming neither passes
     * (the token decides); {@code Origin: null} and anything unparsable do not.
     */
    static boolean sameOrigin(String origin, String referer, String host) {
        String source = origin != null ? origin : referer;
        if (source == null) {
            return true;
        }
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(source.trim());
            if (uri.getHost() == null) {
                return false;
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            String defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? ":443" : ":80";
            String bare = authority.endsWith(defaultPort) ? authority.substring(0, authority.length() - defaultPort.length())
                    : authority;
            return authority.equalsIgnoreCase(host.trim()) || bare.equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
