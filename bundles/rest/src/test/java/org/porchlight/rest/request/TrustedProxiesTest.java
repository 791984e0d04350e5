package org.porchlight.rest.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.porchlight.api.rest.ClientAddresses;

class TrustedProxiesTest {

    private final TrustedProxies none = new TrustedProxies(List.of());
    private final TrustedProxies behindBalancer = new TrustedProxies(List.of("10.0.0.0/8", "2001:db8:1::/48"));

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnoredWhateverItSays() {
        for (String spoofed : List.of("203.0.113.9", "203.0.113.9, 198.51.100.1", "127.0.0.1", "garbage", "")) {
            assertThat(none.resolve("198.51.100.7", List.of(spoofed))).as(spoofed).isEqualTo("198.51.100.7");
        }
    }

    @Test
    void anUntrustedPeerCannotChooseItsAddressEvenWhenProxiesAreConfigured() {
        assertThat(behindBalancer.resolve("198.51.100.7", List.of("10.1.2.3"))).isEqualTo("198.51.100.7");
        assertThat(behindBalancer.resolve("198.51.100.7", List.of("203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void fromATrustedProxyTheRightMostUntrustedEntryIsTheClient() {
        assertThat(behindBalancer.resolve("10.0.0.2", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        // The client wrote the first entry itself; the proxy appended the address it really saw.
        assertThat(behindBalancer.resolve("10.0.0.2", List.of("127.0.0.1, 203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(behindBalancer.resolve("10.0.0.2", List.of("1.1.1.1", "203.0.113.9, 10.9.9.9"))).isEqualTo("203.0.113.9");
    }

    @Test
    void entriesThatAreAllTrustedLeaveTheLeftMost() {
        assertThat(behindBalancer.resolve("10.0.0.2", List.of("10.3.3.3, 10.4.4.4"))).isEqualTo("10.3.3.3");
    }

    @Test
    void withoutAHeaderATrustedProxyIsItselfTheClient() {
        assertThat(behindBalancer.resolve("10.0.0.2", List.of())).isEqualTo("10.0.0.2");
    }

    @Test
    void anEntryThatIsNoAddressCountsTheRequestUnderTheProxyAndIsNeverLookedUp() {
        for (String bad : List.of("unknown", "localhost", "example.org", "_hidden", "1.2.3")) {
            assertThat(behindBalancer.resolve("10.0.0.2", List.of(bad))).as(bad).isEqualTo("10.0.0.2");
        }
    }

    @Test
    void portsBracketsAndSpellingsOfOneAddressComeOutTheSame() {
        assertThat(behindBalancer.resolve("10.0.0.2", List.of("203.0.113.9:4711"))).isEqualTo("203.0.113.9");
        String canonical = behindBalancer.resolve("10.0.0.2", List.of("2001:db8:2::1"));
        assertThat(behindBalancer.resolve("10.0.0.2", List.of("[2001:0db8:0002:0:0:0:0:1]:443"))).isEqualTo(canonical);
        assertThat(behindBalancer.resolve("10.0.0.2", List.of("::ffff:203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(none.resolve("0:0:0:0:0:0:0:1", List.of())).isEqualTo(none.resolve("::1", List.of()));
    }

    @Test
    void ipv6ProxiesAreMatchedByTheirBlock() {
        assertThat(behindBalancer.resolve("2001:db8:1:ff::5", List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(behindBalancer.resolve("2001:db8:2::5", List.of("203.0.113.9"))).startsWith("2001:db8:2:");
    }

    @Test
    void blocksAreMatchedBitByBit() {
        AddressRange range = AddressRange.parse("192.0.2.128/25");
        assertThat(range.contains(AddressRange.literal("192.0.2.200").orElseThrow())).isTrue();
        assertThat(range.contains(AddressRange.literal("192.0.2.127").orElseThrow())).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(AddressRange.literal("8.8.8.8").orElseThrow())).isTrue();
        assertThat(AddressRange.parse("0.0.0.0/0").contains(AddressRange.literal("::2").orElseThrow())).isFalse();
    }

    @Test
    void aMalformedBlockIsRefused() {
        for (String bad : List.of("10.0.0.0/33", "10.0.0.0/x", "proxy.example.org", "10.0.0/8", "")) {
            assertThatThrownBy(() -> AddressRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void onlyATrustedProxySaysTheClientCameOverTls() {
        assertThat(behindBalancer.secure(false, "10.1.2.3", "https")).isTrue();
        assertThat(behindBalancer.secure(false, "10.1.2.3", "http, https")).as("the nearest proxy's entry").isTrue();
        assertThat(behindBalancer.secure(false, "10.1.2.3", "https, http")).isFalse();
        assertThat(behindBalancer.secure(false, "10.1.2.3", null)).isFalse();
        assertThat(behindBalancer.secure(false, "10.1.2.3", ClientAddresses.forwardedProto(List.of("https", "http"))))
                .as("a line the client sent before the proxy's").isFalse();
        assertThat(behindBalancer.secure(false, "10.1.2.3", ClientAddresses.forwardedProto(List.of()))).isFalse();
        for (String peer : new String[] {"192.0.2.7", "2001:db8:2::1", "not-an-address"}) {
            assertThat(behindBalancer.secure(false, peer, "https")).as(peer).isFalse();
        }
        assertThat(none.secure(false, "10.1.2.3", "https")).isFalse();
        assertThat(none.secure(true, "192.0.2.7", null)).as("the socket's own TLS").isTrue();
    }
}
