package org.porchlight.rest.request;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The server's HTTPS rules for one request: whether its answer carries {@code Strict-Transport-Security}
 * (only over HTTPS, the server's own or a trusted proxy's) and where a request over plain HTTP is sent
 * instead (the same host and path over HTTPS), when the redirect is on. {@code /api/health} is never
 * redirected: probes and the launcher ask it over plain HTTP on the box.
 */
final class HttpsRule {

    static final String HEALTH_PATH = "/api/health";
    private static final int DEFAULT_HTTPS_PORT = 443;
    /** A host name or an IPv4 address, or an IPv6 literal in brackets: nothing else reaches a Location header. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    private final boolean redirect;
    private final int configuredPort;
    private final int serverPort;
    private final String hsts;

    /**
     * @param redirect           whether requests over plain HTTP are sent to HTTPS
     * @param configuredPort     the port of the HTTPS addresses redirected to; 0 to choose by the request (below)
     * @param serverPort         this server's own HTTPS port, for requests straight to it; 0 when it has none
     * @param hstsMaxAgeSeconds  {@code max-age} of {@code Strict-Transport-Security}; 0 sends none
     * @param includeSubDomains  whether the header covers the host's subdomains too
     */
    HttpsRule(boolean redirect, int configuredPort, int serverPort, long hstsMaxAgeSeconds, boolean includeSubDomains) {
        this.redirect = redirect;
        this.configuredPort = configuredPort;
        this.serverPort = serverPort;
        this.hsts = hstsMaxAgeSeconds <= 0 ? null
                : "max-age=" + hstsMaxAgeSeconds + (includeSubDomains ? "; includeSubDomains" : "");
    }

    /** The {@code Strict-Transport-Security} value for an answer over HTTPS; none over plain HTTP, where browsers ignore it. */
    Optional<String> hsts(boolean secure) {
        return secure ? Optional.ofNullable(hsts) : Optional.empty();
    }

    /** Whether a request over plain HTTP to {@code path} goes to HTTPS instead. */
    boolean sendsToHttps(boolean secure, String path) {
        return redirect && !secure && !HEALTH_PATH.equals(path);
    }

    /** Only reading methods are redirected; anything else already sent its body in the clear and is refused. */
    static boolean redirectable(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    /**
     * The HTTPS address of a request, or empty when its host cannot be written into one.
     *
     * @param viaProxy whether it came through a trusted proxy (whose public port is 443) rather than straight here
     * @param host     the host the client asked for ({@code Host}), without port
     * @param rawPath  the request's path as sent, still encoded
     * @param rawQuery the query as sent, or {@code null}
     */
    Optional<String> httpsUrl(boolean viaProxy, String host, String rawPath, String rawQuery) {
        if (host == null || !HOST.matcher(host).matches()) {
            return Optional.empty();
        }
        int port = configuredPort > 0 ? configuredPort : viaProxy || serverPort <= 0 ? DEFAULT_HTTPS_PORT : serverPort;
        String path = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        return Optional.of("https://" + host.toLowerCase(Locale.ROOT) + (port == DEFAULT_HTTPS_PORT ? "" : ":" + port)
                + path + (rawQuery == null ? "" : "?" + rawQuery));
    }
}
