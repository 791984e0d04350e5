package org.porchlight.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.porchlight.api.outbound.AddressClass;

/**
 * The kind of an IP address by its number alone (the server's own addresses aside): IPv4 ranges,
 * IPv6 ranges, and the IPv4 address inside the IPv6 forms that carry one (mapped, compatible,
 * translated, NAT64, 6to4, Teredo), so that no notation of an inside address passes as public.
 */
final class AddressKinds {

    private AddressKinds() {
    }

    /** The kind of {@code address}; an IPv6 form that carries an IPv4 address is that address's kind unless it is public. */
    static AddressClass classify(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4) {
            return classifyV4(bytes);
        }
        AddressClass own = classifyV6(bytes);
        if (own != AddressClass.PUBLIC) {
            return own;
        }
        byte[] carried = embeddedV4(bytes);
        return carried == null ? AddressClass.PUBLIC : classifyV4(carried);
    }

    /**
     * The IPv4 address an IPv6 address carries, as an {@link Inet4Address}, or {@code address}
     * itself: what allowed ranges are matched against too, so that {@code 127.0.0.1/32} also allows
     * {@code ::ffff:127.0.0.1}.
     */
    static InetAddress unwrap(InetAddress address) {
        byte[] carried = address instanceof Inet6Address ? embeddedV4(address.getAddress()) : null;
        if (carried == null) {
            return address;
        }
        try {
            return InetAddress.getByAddress(carried);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }

    /** {@code address} without its scope ({@code fe80::1%eth0} is {@code fe80::1}) and unwrapped (see {@link #unwrap}). */
    static InetAddress plain(InetAddress address) {
        try {
            return unwrap(InetAddress.getByAddress(address.getAddress()));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address has 4 or 16 bytes", e);
        }
    }

    private static AddressClass classifyV4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        if (a0 == 0) {
            return AddressClass.UNSPECIFIED;
        }
        if (a0 == 127) {
            return AddressClass.LOOPBACK;
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return AddressClass.PRIVATE;
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return AddressClass.SHARED;
        }
        if (a0 == 169 && a1 == 254) {
            return AddressClass.LINK_LOCAL;
        }
        if ((a0 & 0xf0) == 224) {
            return AddressClass.MULTICAST;
        }
        if ((a0 & 0xf0) == 240) {
            return AddressClass.BROADCAST;
        }
        return AddressClass.PUBLIC;
    }

    private static AddressClass classifyV6(byte[] b) {
        if (zeros(b, 0, 16)) {
            return AddressClass.UNSPECIFIED;
        }
        if (zeros(b, 0, 15) && b[15] == 1) {
            return AddressClass.LOOPBACK;
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return AddressClass.LINK_LOCAL;
        }
        if ((b0 == 0xfe && (b1 & 0xc0) == 0xc0) || (b0 & 0xfe) == 0xfc) {
            return AddressClass.PRIVATE; // site-local (deprecated, fec0::/10) and unique local (fc00::/7)
        }
        if (b0 == 0xff) {
            return AddressClass.MULTICAST;
        }
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0 && b[5] == 1) {
            return AddressClass.PRIVATE; // 64:ff9b:1::/48, NAT64 for local use
        }
        return AddressClass.PUBLIC;
    }

    /** The IPv4 address inside {@code b} (16 bytes), or null if the IPv6 address carries none. */
    private static byte[] embeddedV4(byte[] b) {
        if (b.length != 16) {
            return null;
        }
        // ::a.b.c.d (compatible), ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated)
        if (zeros(b, 0, 10) && ((b[10] == 0 && b[11] == 0) || (b[10] == -1 && b[11] == -1))
                || zeros(b, 0, 8) && b[8] == -1 && b[9] == -1 && b[10] == 0 && b[11] == 0) {
            return slice(b, 12);
        }
        // 64:ff9b::a.b.c.d, the well-known NAT64 prefix
        if (b[0] == 0 && b[1] == 0x64 && b[2] == -1 && (b[3] & 0xff) == 0x9b && zeros(b, 4, 12)) {
            return slice(b, 12);
        }
        // 2002:aabb:ccdd::/48, 6to4
        if (b[0] == 0x20 && b[1] == 0x02) {
            return slice(b, 2);
        }
        // 2001:0::/32, Teredo: the client's address, inverted, in the last four bytes
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0) {
            byte[] client = slice(b, 12);
            for (int i = 0; i < 4; i++) {
                client[i] = (byte) ~client[i];
            }
            return client;
        }
        return null;
    }

    private static byte[] slice(byte[] b, int from) {
        byte[] v4 = new byte[4];
        System.arraycopy(b, from, v4, 0, 4);
        return v4;
    }

    private static boolean zeros(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
