package org.porchlight.outbound;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.porchlight.api.outbound.OutboundRequest;

/** Where a redirect leads, as browsers follow them, minus a downgrade from https to http. */
final class Redirects {

    private Redirects() {
    }

    /** Whether {@code status} is a redirect this client follows. */
    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * The request to send next: to {@code location} (relative to {@code current}'s URL), a GET
     * without body after a 303, or after a 301 or 302 to a POST; otherwise the same method and body.
     *
     * @throws IOException if there is no usable location, it is not http(s), or it leaves https for http
     */
    static OutboundRequest follow(OutboundRequest current, int status, String location) throws IOException {
        if (location == null || location.isBlank()) {
            throw new IOException("a redirect (HTTP " + status + ") without a Location");
        }
        URI next;
        try {
            next = current.uri().resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("a redirect (HTTP " + status + ") to something that is not a URL");
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("a redirect to a " + (scheme.isEmpty() ? "URL without scheme" : scheme + " URL")
                    + ", which the server does not follow");
        }
        if (scheme.equals("http") && "https".equalsIgnoreCase(current.uri().getScheme())) {
            throw new IOException("a redirect from https to http, which the server does not follow");
        }
        boolean toGet = status == 303 && !current.method().equals("HEAD")
                || (status == 301 || status == 302) && current.method().equals("POST");
        Map<String, String> headers = new LinkedHashMap<>(current.headers());
        if (toGet) {
            headers.keySet().removeIf(name -> name.equalsIgnoreCase("Content-Type"));
        }
        if (!sameOrigin(current.uri(), next)) {
            // Credentials were meant for the first place only.
            headers.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization") || name.equalsIgnoreCase("Cookie"));
        }
        return new OutboundRequest(toGet ? "GET" : current.method(), next, headers, toGet ? null : current.body(),
                current.connectTimeout(), current.timeout(), current.idleTimeout(), current.maxRedirects());
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }
}
