package org.porchlight.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ranges as admins write them. */
class CidrTest {

    @Test
    void aRangeHoldsTheAddressesSharingItsPrefix() throws Exception {
        Cidr range = Cidr.parse("172.16.0.0/12");

        assertThat(range.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(range.contains(InetAddress.getByName("::ffff:172.16.0.1"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("fe80::1"))).isFalse();
    }

    @Test
    void hostBitsAreClearedAndASingleAddressIsAFullLengthRange() throws Exception {
        assertThat(Cidr.parse("10.20.30.40/16")).isEqualTo(Cidr.parse("10.20.0.0/16"));
        assertThat(Cidr.parse("10.20.30.40/16").toString()).isEqualTo("10.20.0.0/16");
        assertThat(Cidr.parse("127.0.0.1").prefix()).isEqualTo(32);
        assertThat(Cidr.parse("::1").prefix()).isEqualTo(128);
        assertThat(Cidr.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.1"))).isTrue();
    }

    @Test
    void anIpv6RangeHoldsItsAddresses() throws Exception {
        Cidr range = Cidr.parse("FD00:ab::/32");

        assertThat(range.contains(InetAddress.getByName("fd00:ab:1::1"))).isTrue();
        assertThat(range.contains(InetAddress.getByName("fd00:ac::1"))).isFalse();
        assertThat(range.contains(InetAddress.getByName("10.0.0.1"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "10.0.0.0/33", "::1/129", "10.0.0", "0177.0.0.1", "2130706433", "0x7f000001",
        "256.0.0.1", "10.0.0.0/", "10.0.0.0/-1", "example.com/24", "fe80::1%eth0", ""})
    void whatIsNotARangeIsRefusedWithoutLookingANameUp(String text) {
        assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }
}
