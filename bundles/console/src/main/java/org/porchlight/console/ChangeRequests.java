package org.porchlight.console;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Console requests that change something and are refused even to platform admins:
 * <ul>
 * <li>installing or updating bundles through the console (its bundles page takes uploads, and
 * "update" fetches from the bundle's location or its {@code Bundle-UpdateLocation}): that would
 * put code into the server past the platform's own module installation and its checks, and the
 * console has no setting that switches these actions off;</li>
 * <li>changes sent from another site's page. Browsers add remembered Basic credentials to any
 * request to the console, a form on a hostile page included, and the console has no CSRF token;
 * browsers do name the page's origin in {@code Origin} (or {@code Referer}), which must then be
 * this server.</li>
 * </ul>
 */
final class ChangeRequests {

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD");

    /** Values of the bundles page's {@code action} parameter that bring in code. */
    private static final Set<String> CODE_ACTIONS = Set.of("install", "update");

    private ChangeRequests() {
    }

    /** Whether the request may change something: any method but GET and HEAD. */
    static boolean isChange(HttpServletRequest request) {
        return !SAFE_METHODS.contains(request.getMethod());
    }

    /** Why {@code request} is refused, or empty if it may go on. */
    static Optional<String> refusal(HttpServletRequest request) {
        if (!isChange(request)) {
            return Optional.empty();
        }
        if (!sameOrigin(request)) {
            return Optional.of("Changes through the console must come from the console's own pages.");
        }
        String contentType = request.getContentType();
        if (contentType != null && contentType.trim().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.of(installRefused()); // bundle uploads; no other console page takes multipart
        }
        String action = request.getParameter("action");
        if (action != null && CODE_ACTIONS.contains(action.trim().toLowerCase(Locale.ROOT))) {
            return Optional.of(installRefused());
        }
        return Optional.empty();
    }

    private static String installRefused() {
        return "Installing and updating bundles through the console is switched off: modules must pass the signature check."
                + " Use deploy/, /api/admin/modules or the porchlight:installmodule command.";
    }

    /**
     * Whether the page that sent the request is this server's, as far as the browser says: the
     * host and port of {@code Origin}, else of {@code Referer}, must be those the request was sent
     * to ({@code Host}). A request that names neither comes from a program, not from a page.
     */
    static boolean sameOrigin(HttpServletRequest request) {
        String source = request.getHeader("Origin");
        if (source == null) {
            source = request.getHeader("Referer");
        }
        if (source == null) {
            return true;
        }
        String host = request.getHeader("Host");
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(source.trim());
            if (uri.getHost() == null) {
                return false; // "Origin: null" (sandboxed frames, some redirects) and anything unparsable
            }
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return authority.equalsIgnoreCase(host.trim()) || withoutDefaultPort(authority, uri.getScheme()).equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String withoutDefaultPort(String authority, String scheme) {
        String defaultPort = "https".equalsIgnoreCase(scheme) ? ":443" : ":80";
        return authority.endsWith(defaultPort) ? authority.substring(0, authority.length() - defaultPort.length()) : authority;
    }
}
