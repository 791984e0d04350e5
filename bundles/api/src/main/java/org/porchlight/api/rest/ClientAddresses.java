package org.porchlight.api.rest;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tells the address a request came from, the one place that decides whether a
 * {@code X-Forwarded-For} header counts. The REST core provides it, configured with the server's
 * trusted proxies ({@code trustedProxies} in {@code org.porchlight.rest}): only when the direct
 * peer is one of them is the header read, and then the right-most address in it that is not
 * itself a trusted proxy is the client. Otherwise the header is ignored, so that a client cannot
 * choose the address it is counted under (for throttling, say) by sending one.
 *
 * <pre>{@code
 * String client = addresses.resolve(http.getRemoteAddr(), Collections.list(http.getHeaders("X-Forwarded-For")));
 * }</pre>
 *
 * @since 1.3
 */
@ProviderType
public interface ClientAddresses {

    /** The request header that proxies append the address of their own peer to. */
    String FORWARDED_FOR = "X-Forwarded-For";

    /**
     * The client's address, as an IP address literal in a canonical spelling (IPv6 in full, so that
     * one address never has two spellings).
     *
     * @param peerAddress  the address of the direct peer, the socket's remote address
     * @param forwardedFor every {@value #FORWARDED_FOR} header of the request in the order received
     *                     (each may hold a comma-separated list); empty if there is none
     * @return the peer's address unless the peer is a trusted proxy; then the right-most address of
     *         the header that is not a trusted proxy (the peer's address if that entry is not an IP
     *         address, or the left-most one if every entry is trusted)
     */
    String resolve(String peerAddress, List<String> forwardedFor);

    /** The request header in which a TLS-terminating proxy names the scheme the client used. */
    String FORWARDED_PROTO = "X-Forwarded-Proto";

    /**
     * Whether the client reached the server over TLS: the socket's own, or a trusted proxy's that
     * says {@code https} in {@value #FORWARDED_PROTO} (its right-most entry: the one the nearest proxy
     * wrote). From any other peer the header is ignored. Secure cookies and their {@code __Host-}
     * names depend on it.
     *
     * @param socketSecure   whether the request's own connection is TLS
     * @param peerAddress    the address of the direct peer
     * @param forwardedProto the {@value #FORWARDED_PROTO} header, all its lines ({@link #forwardedProto}),
     *                       or {@code null}
     * @since 1.4
     */
    default boolean secure(boolean socketSecure, String peerAddress, String forwardedProto) {
        return socketSecure;
    }

    /**
     * Every {@value #FORWARDED_PROTO} header line of a request as the one value {@link #secure}
     * reads: the lines joined in the order received, so that its right-most entry is the one the
     * nearest proxy appended, also when the client sent a line of its own before it. Read every
     * line ({@code Collections.list(http.getHeaders(FORWARDED_PROTO))}), never only the first.
     *
     * @param lines every {@value #FORWARDED_PROTO} header line in the order received
     * @return the joined value, or {@code null} if there is no line
     * @since 1.5
     */
    static String forwardedProto(List<String> lines) {
        return lines == null || lines.isEmpty() ? null : String.join(",", lines);
    }
}
