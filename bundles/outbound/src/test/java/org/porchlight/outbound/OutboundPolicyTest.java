package org.porchlight.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.porchlight.api.outbound.AddressClass;
import org.porchlight.api.outbound.RefusedAddressException;

/** The address rule: each kind of inside address in each notation, the server's own addresses, and allowed ranges. */
class OutboundPolicyTest {

    private final OutboundPolicy nothingAllowed = new OutboundPolicy(List.of(), Set::of);

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** An IPv6 address kept as IPv6 even where Java would turn it into IPv4 (mapped forms). */
    private static InetAddress ip6(String literal) {
        try {
            byte[] bytes = ip(literal).getAddress();
            if (bytes.length == 4) {
                byte[] mapped = new byte[16];
                mapped[10] = -1;
                mapped[11] = -1;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                bytes = mapped;
            }
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, LOOPBACK", "127.255.255.254, LOOPBACK", "::1, LOOPBACK",
        "169.254.169.254, LINK_LOCAL", "169.254.0.1, LINK_LOCAL", "fe80::1, LINK_LOCAL", "febf::1, LINK_LOCAL",
        "10.0.0.1, PRIVATE", "10.255.255.255, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE",
        "192.168.1.1, PRIVATE", "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE", "fec0::1, PRIVATE",
        "100.64.0.1, SHARED", "100.127.255.255, SHARED",
        "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED",
        "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST",
        "255.255.255.255, BROADCAST", "240.0.0.1, BROADCAST",
        "8.8.8.8, PUBLIC", "172.15.255.255, PUBLIC", "172.32.0.1, PUBLIC", "100.63.255.255, PUBLIC", "100.128.0.1, PUBLIC",
        "169.253.255.255, PUBLIC", "192.169.0.1, PUBLIC", "2606:4700::1111, PUBLIC", "fe7f::1, PUBLIC", "11.0.0.1, PUBLIC"
    })
    void eachRangeIsItsKind(String address, AddressClass kind) {
        assertThat(nothingAllowed.classify(ip(address))).isEqualTo(kind);
        assertThat(nothingAllowed.allows(ip(address))).isEqualTo(kind == AddressClass.PUBLIC);
    }

    @ParameterizedTest
    @CsvSource({
        "::ffff:127.0.0.1, LOOPBACK", "::ffff:7f00:1, LOOPBACK", "0:0:0:0:0:ffff:a9fe:a9fe, LINK_LOCAL",
        "::ffff:10.1.2.3, PRIVATE", "::ffff:0.0.0.0, UNSPECIFIED"
    })
    void ipv4MappedFormsAreTheKindOfTheAddressTheyCarryWhetherJavaKeepsThemAsIpv6OrNot(String address, AddressClass kind) {
        assertThat(nothingAllowed.classify(ip(address))).isEqualTo(kind);
        assertThat(nothingAllowed.classify(ip6(address))).isEqualTo(kind);
        assertThat(nothingAllowed.allows(ip6(address))).isFalse();
    }

    @ParameterizedTest
    @CsvSource({
        "::127.0.0.1, LOOPBACK", "::a9fe:a9fe, LINK_LOCAL", "::ffff:0:7f00:1, LOOPBACK",
        "64:ff9b::127.0.0.1, LOOPBACK", "64:ff9b::a9fe:a9fe, LINK_LOCAL", "64:ff9b::10.0.0.1, PRIVATE",
        "64:ff9b:1::1, PRIVATE", "2002:7f00:1::, LOOPBACK", "2002:a9fe:a9fe::1, LINK_LOCAL", "2002:c0a8:101::, PRIVATE",
        "2001:0:4136:e378:8000:63bf:80ff:fffe, LOOPBACK"
    })
    void ipv6FormsCarryingAnIpv4AddressAreItsKind(String address, AddressClass kind) {
        assertThat(nothingAllowed.classify(ip(address))).isEqualTo(kind);
    }

    @Test
    void ipv6FormsCarryingAPublicAddressArePublic() {
        assertThat(nothingAllowed.classify(ip("64:ff9b::8.8.8.8"))).isEqualTo(AddressClass.PUBLIC);
        assertThat(nothingAllowed.classify(ip("2002:808:808::1"))).isEqualTo(AddressClass.PUBLIC);
    }

    @Test
    void anAddressOfTheServersOwnInterfacesIsRefusedEvenWhenPublic() {
        OutboundPolicy policy = new OutboundPolicy(List.of(), () -> Set.of(ip("203.0.113.5"), ip("2001:db8::5")));

        assertThat(policy.classify(ip("203.0.113.5"))).isEqualTo(AddressClass.SERVER_OWN);
        assertThat(policy.classify(ip6("203.0.113.5"))).isEqualTo(AddressClass.SERVER_OWN);
        assertThat(policy.classify(ip("2001:db8::5"))).isEqualTo(AddressClass.SERVER_OWN);
        assertThat(policy.classify(ip("203.0.113.6"))).isEqualTo(AddressClass.PUBLIC);
        assertThatThrownBy(() -> policy.check(ip("203.0.113.5")))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessage("the address 203.0.113.5 is one of the server's own addresses, which the server does not connect to");
    }

    @Test
    void theRealInterfacesOfThisMachineAreNotAllowed() throws Exception {
        OutboundPolicy policy = new OutboundPolicy(List.of(), new OwnAddresses(Clock.systemUTC()));
        for (NetworkInterface each : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress address : Collections.list(each.getInetAddresses())) {
                assertThat(policy.allows(address)).as(address.toString()).isFalse();
            }
        }
        assertThat(policy.allows(InetAddress.getLocalHost())).isFalse();
        for (InetAddress address : InetAddress.getAllByName("localhost")) {
            assertThat(policy.classify(address)).isEqualTo(AddressClass.LOOPBACK);
        }
    }

    @Test
    void aRefusalNamesTheAddressAndItsKind() {
        assertThatThrownBy(() -> nothingAllowed.check(ip("127.0.0.1")))
                .isInstanceOfSatisfying(RefusedAddressException.class, refused -> {
                    assertThat(refused.addressClass()).isEqualTo(AddressClass.LOOPBACK);
                    assertThat(refused.reason("the feed's"))
                            .isEqualTo("the feed's address 127.0.0.1 is loopback, which the server does not connect to");
                })
                .hasMessage("the address 127.0.0.1 is loopback, which the server does not connect to");
    }

    @Test
    void allowedRangesLetInWhatTheyHoldAndNothingElse() {
        String[] configured = {"10.20.0.0/16, 127.0.0.1/32", "fd00:1::/32"};
        OutboundPolicy policy = new OutboundPolicy(OutboundPolicy.ranges(configured), Set::of);

        assertThat(policy.allows(ip("10.20.3.4"))).isTrue();
        assertThat(policy.allows(ip("10.21.0.1"))).isFalse();
        assertThat(policy.allows(ip("127.0.0.1"))).isTrue();
        assertThat(policy.allows(ip6("127.0.0.1"))).as("the mapped form of an allowed address").isTrue();
        assertThat(policy.allows(ip("127.0.0.2"))).isFalse();
        assertThat(policy.allows(ip("::1"))).isFalse();
        assertThat(policy.allows(ip("fd00:1:2::3"))).isTrue();
        assertThat(policy.allows(ip("fd00:2::3"))).isFalse();
        assertThat(policy.allows(ip("169.254.169.254"))).isFalse();
        assertThat(policy.classify(ip("127.0.0.1"))).as("allowed, it is still loopback").isEqualTo(AddressClass.LOOPBACK);
    }

    @Test
    void anAllowedRangeAlsoLetsInTheServersOwnAddresses() {
        OutboundPolicy policy = new OutboundPolicy(OutboundPolicy.ranges(new String[] {"203.0.113.0/24"}),
                () -> Set.of(ip("203.0.113.5")));

        assertThat(policy.allows(ip("203.0.113.5"))).isTrue();
    }

    @Test
    void entriesThatAreNotRangesAreLeftOutSoTheServerAllowsLessNeverMore() {
        List<Cidr> ranges = OutboundPolicy.ranges(new String[] {"10.0.0.0/8,localhost, 127.0.0.1/33 ,0177.0.0.1,,192.168.1.7"});

        assertThat(ranges).containsExactly(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.168.1.7/32"));
        assertThat(OutboundPolicy.ranges(null)).isEmpty();
    }
}
