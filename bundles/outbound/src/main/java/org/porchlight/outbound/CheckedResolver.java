package org.porchlight.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.porchlight.api.outbound.OutboundAddresses;
import org.porchlight.api.outbound.RefusedAddressException;

/**
 * Jetty's name resolution for outbound connections: resolves the host, keeps only the addresses
 * the platform allows, and hands Jetty those resolved addresses, which it connects to as they
 * are. What is checked is therefore what is connected to: a name that answers differently a moment
 * later (DNS rebinding) gains nothing.
 */
final class CheckedResolver implements SocketAddressResolver {

    /**
     * A host made of numbers (decimal, octal-looking, hex), 1 to 4 parts: a notation that tools read
     * differently (is {@code 0177.0.0.1} 127.0.0.1 or 177.0.0.1?). No DNS name looks like this.
     */
    private static final Pattern NUMERIC = Pattern.compile("(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+)){0,3}\\.?");
    private static final Pattern DOTTED_QUAD = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");

    private final OutboundAddresses policy;

    CheckedResolver(OutboundAddresses policy) {
        this.policy = policy;
    }

    @Override
    public void resolve(String host, int port, Promise<List<InetSocketAddress>> promise) {
        try {
            promise.succeeded(addresses(host, port));
        } catch (IOException e) {
            promise.failed(e);
        }
    }

    /**
     * The allowed addresses of {@code host}, at {@code port}.
     *
     * @throws RefusedAddressException naming the first address if none is allowed
     * @throws IOException if the host does not resolve or is a number in an ambiguous notation
     */
    List<InetSocketAddress> addresses(String host, int port) throws IOException {
        checkNotation(host);
        List<InetSocketAddress> allowed = new ArrayList<>();
        RefusedAddressException refused = null;
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (policy.allows(address)) {
                allowed.add(new InetSocketAddress(address, port));
            } else if (refused == null) {
                refused = new RefusedAddressException(address, policy.classify(address));
            }
        }
        if (allowed.isEmpty()) {
            throw refused != null ? refused : new IOException("the host " + host + " has no address");
        }
        return allowed;
    }

    /**
     * Refuses a host that is a number in any notation but plain dotted decimal ({@code 2130706433},
     * {@code 0x7f000001}, {@code 0177.0.0.1}, {@code 127.1}): Java reads some of them one way and
     * other software another, and no valid name looks like one.
     */
    static void checkNotation(String host) throws IOException {
        String lower = host.toLowerCase(Locale.ROOT);
        if (NUMERIC.matcher(lower).matches() && !DOTTED_QUAD.matcher(lower).matches()) {
            throw new IOException("the host " + host + " is an IP address in an ambiguous notation, which the server "
                    + "does not connect to; write it as four decimal numbers");
        }
    }
}
