package org.porchlight.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A range of addresses an admin allows, e.g. {@code 10.20.0.0/16}, {@code 127.0.0.1} (one
 * address) or {@code fd00:1::/64}.
 *
 * @param network the range's first address, host bits cleared
 * @param prefix  how many leading bits an address must share with {@code network}
 */
record Cidr(byte[] network, int prefix) {

    private static final Pattern V4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern V6 = Pattern.compile("[0-9a-f:.]+");

    /**
     * Parses {@code text}: an IPv4 address in dotted decimal or an IPv6 address, optionally followed
     * by {@code /} and a prefix length. Never looks a name up.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static Cidr parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        byte[] bytes = literal(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not an address range (e.g. 10.20.0.0/16 or fd00::/8)");
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = value.substring(slash + 1);
            if (!length.matches("\\d{1,3}") || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("'" + text.strip() + "' has a prefix length other than 0 to " + bits);
            }
            prefix = Integer.parseInt(length);
        }
        for (int bit = prefix; bit < bits; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return new Cidr(bytes, prefix);
    }

    private static byte[] literal(String address) {
        Matcher v4 = V4.matcher(address);
        if (v4.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                String part = v4.group(i + 1);
                int value = Integer.parseInt(part);
                if (value > 255 || (part.length() > 1 && part.startsWith("0"))) {
                    return null; // no octal-looking or out-of-range parts: one reading only
                }
                bytes[i] = (byte) value;
            }
            return bytes;
        }
        if (address.indexOf(':') >= 0 && V6.matcher(address).matches()) {
            try {
                // With a colon and only hex digits, colons and dots, this parses a literal: no name lookup.
                byte[] bytes = InetAddress.getByName(address).getAddress();
                return bytes.length == 4 ? mapped(bytes) : bytes;
            } catch (UnknownHostException e) {
                return null;
            }
        }
        return null;
    }

    /** Java reads {@code ::ffff:a.b.c.d} as an IPv4 address: a range written that way is an IPv6 range. */
    private static byte[] mapped(byte[] v4) {
        byte[] bytes = new byte[16];
        bytes[10] = -1;
        bytes[11] = -1;
        System.arraycopy(v4, 0, bytes, 12, 4);
        return bytes;
    }

    /** Whether {@code address} is in this range: same family, same first {@link #prefix} bits. */
    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length == 4 && network.length == 16) {
            bytes = mapped(bytes);
        }
        if (bytes.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefix; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a range holds 4 or 16 bytes", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }
}
