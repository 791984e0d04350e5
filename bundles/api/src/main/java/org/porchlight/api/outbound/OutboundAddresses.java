package org.porchlight.api.outbound;

import java.net.InetAddress;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's rule for outbound connections: which addresses the server may connect to. A
 * service of the platform. Prefer {@link OutboundHttp}, which applies it at every connection; code
 * that opens its own sockets calls {@link #check} on the resolved address just before connecting
 * to exactly that address (never resolving the name again in between).
 */
@ProviderType
public interface OutboundAddresses {

    /**
     * What kind of address {@code address} is. An IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible
     * ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::a.b.c.d}) or 6to4 ({@code 2002:aabb:ccdd::}) IPv6
     * address is the kind of the IPv4 address it carries, unless that is public.
     */
    AddressClass classify(InetAddress address);

    /** Whether the server may connect to {@code address}: it is public, or in a range the platform admin allows. */
    boolean allows(InetAddress address);

    /**
     * Returns normally if the server may connect to {@code address}.
     *
     * @throws RefusedAddressException naming the address and its kind otherwise
     */
    void check(InetAddress address) throws RefusedAddressException;
}
