package org.porchlight.api.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to a place outside the server, for {@link OutboundHttp#send}. Start with
 * {@link #get} or {@link #post} and adjust with the {@code with...} methods; each returns a new
 * request.
 *
 * @param method         {@code GET}, {@code POST}, ...
 * @param uri            an {@code http} or {@code https} URL
 * @param headers        request headers by name (one value each); {@code Host} and {@code Content-Length} are set by the client
 * @param body           the body to send, empty for none; not copied
 * @param connectTimeout longest wait for a connection (per address tried)
 * @param timeout        longest wait for the whole exchange, body included; {@code null} for none
 * @param idleTimeout    longest wait for the answer's headers and then for each further piece of its body
 * @param maxRedirects   how many redirects to follow, each to an address checked like the first;
 *                       0 to take a redirect as the answer
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, byte[] body, Duration connectTimeout,
        Duration timeout, Duration idleTimeout, int maxRedirects) {

    /** Connection timeout of {@link #get} and {@link #post}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Idle timeout of {@link #get} and {@link #post}. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

    public OutboundRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(uri, "uri");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects is 0 or more");
        }
    }

    /** A GET of {@code uri}: default timeouts, no overall timeout, up to 5 redirects. */
    public static OutboundRequest get(URI uri) {
        return new OutboundRequest("GET", uri, Map.of(), null, DEFAULT_CONNECT_TIMEOUT, null, DEFAULT_IDLE_TIMEOUT, 5);
    }

    /** A POST of {@code body} to {@code uri}: default timeouts, no overall timeout, redirects not followed. */
    public static OutboundRequest post(URI uri, byte[] body) {
        return new OutboundRequest("POST", uri, Map.of(), body, DEFAULT_CONNECT_TIMEOUT, null, DEFAULT_IDLE_TIMEOUT, 0);
    }

    /** This request with the header {@code name} set to {@code value}. */
    public OutboundRequest withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new OutboundRequest(method, uri, more, body, connectTimeout, timeout, idleTimeout, maxRedirects);
    }

    /** This request with other timeouts; {@code timeout} may be {@code null} (none). */
    public OutboundRequest withTimeouts(Duration connect, Duration timeout, Duration idle) {
        return new OutboundRequest(method, uri, headers, body, connect, timeout, idle, maxRedirects);
    }

    /** This request following at most {@code redirects} redirects. */
    public OutboundRequest withMaxRedirects(int redirects) {
        return new OutboundRequest(method, uri, headers, body, connectTimeout, timeout, idleTimeout, redirects);
    }
}
