package org.porchlight.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers of every portal answer, pages and static files alike: a Content-Security-Policy
 * that allows scripts, styles and everything else only from the portal itself (no inline script or
 * style, no framing), images also from the configured map tile server, no MIME sniffing, and no
 * referrer at all: some portal addresses carry a secret (a password reset link's {@code ?token=}, a
 * witness link's path), which a {@code Referer} would hand to other sites and, for the portal's own
 * styles and scripts, to the proxy's access log. Browsers then send {@code Origin: null} with the
 * portal's own forms; {@link CsrfTokens} takes {@code Sec-Fetch-Site} for it.
 */
final class SecurityHeaders {

    static final String REFERRER_POLICY = "no-referrer";
    static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self)";

    private final String contentSecurityPolicy;

    /** @param tileServerUrl the map tiles' URL template; its origin may serve images, nothing else. Empty: none. */
    SecurityHeaders(String tileServerUrl) {
        String tiles = tileOrigin(tileServerUrl);
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; "
                + "img-src 'self' data:" + (tiles.isEmpty() ? "" : " " + tiles)
                + "; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors 'none'";
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    void apply(HttpServletResponse response) {
        response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", REFERRER_POLICY);
        response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    }

    /** Pages depend on who asks: no shared cache keeps them. */
    static void noStore(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
    }

    /**
     * The scheme, host and port of a tile URL template such as {@code https://{s}.tile.example/{z}/{x}/{y}.png},
     * or empty when there is none or it is not plain https/http: nothing but an origin may reach the policy
     * (a {@code ;} or a space in it would add directives).
     */
    static String tileOrigin(String template) {
        if (template == null || template.isBlank()) {
            return "";
        }
        // {s} is a subdomain placeholder (allow the host's subdomains); {z}, {x}, {y}, {r} stand in the path
        String candidate = template.trim().replace("{s}", "a").replaceAll("\\{[a-z]\\}", "0");
        try {
            URI uri = new URI(candidate);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost();
            if (!("https".equals(scheme) || "http".equals(scheme)) || host == null || !host.matches("[A-Za-z0-9.-]+")) {
                return "";
            }
            // {s} in the host's first label (tile-{s}.example.org): allow that label to be anything
            String firstLabel = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
            boolean subdomains = template.contains("{s}");
            if (subdomains && !template.trim().replace("{s}", "a").contains("//" + firstLabel + ".")) {
                return ""; // {s} elsewhere: no single origin pattern covers it
            }
            String shown = subdomains ? "*" + host.substring(firstLabel.length()) : host;
            return scheme + "://" + shown + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return "";
        }
    }
}
