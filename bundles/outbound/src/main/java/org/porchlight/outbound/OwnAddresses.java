package org.porchlight.outbound;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The addresses of the server's own network interfaces, read again when the last reading is more
 * than a few seconds old (interfaces come and go: DHCP, VPNs, containers).
 */
final class OwnAddresses implements Supplier<Set<InetAddress>> {

    private static final Duration FRESH = Duration.ofSeconds(10);

    private final Clock clock;
    private volatile Set<InetAddress> addresses = Set.of();
    private volatile Instant readAt = Instant.MIN;

    OwnAddresses(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Set<InetAddress> get() {
        Instant now = clock.instant();
        if (readAt.plus(FRESH).isBefore(now)) {
            addresses = read();
            readAt = now;
        }
        return addresses;
    }

    private static Set<InetAddress> read() {
        Set<InetAddress> all = new HashSet<>();
        try {
            Enumeration<NetworkInterface> interfaces = NetworkInterface.getNetworkInterfaces();
            while (interfaces != null && interfaces.hasMoreElements()) {
                Enumeration<InetAddress> each = interfaces.nextElement().getInetAddresses();
                while (each.hasMoreElements()) {
                    all.add(AddressKinds.plain(each.nextElement()));
                }
            }
        } catch (SocketException e) {
            // Without the list, only the ranges still protect; the next reading tries again.
            return Set.of();
        }
        return Set.copyOf(all);
    }
}
