package org.porchlight.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.porchlight.api.outbound.RefusedAddressException;

/** Name resolution as Jetty gets it: resolved, allowed addresses only, so that nothing is looked up twice. */
class CheckedResolverTest {

    @Test
    void jettyGetsResolvedAddressesSoItConnectsToWhatWasChecked() throws Exception {
        OutboundPolicy loopbackAllowed = new OutboundPolicy(OutboundPolicy.ranges(new String[] {"127.0.0.0/8"}), Set::of);
        CheckedResolver resolver = new CheckedResolver(loopbackAllowed);

        List<InetSocketAddress> addresses = resolver.addresses("127.0.0.9", 8080);

        assertThat(addresses).hasSize(1);
        assertThat(addresses.get(0).isUnresolved()).isFalse();
        assertThat(addresses.get(0).getAddress().getHostAddress()).isEqualTo("127.0.0.9");
        assertThat(addresses.get(0).getPort()).isEqualTo(8080);
    }

    @Test
    void aNameWithOnlyRefusedAddressesIsRefusedNamingTheFirst() {
        CheckedResolver resolver = new CheckedResolver(new OutboundPolicy(List.of(), Set::of));

        assertThatThrownBy(() -> resolver.addresses("localhost", 80)).isInstanceOf(RefusedAddressException.class)
                .hasMessageEndingWith("is loopback, which the server does not connect to");
    }

    @Test
    void numbersInAmbiguousNotationsAreRefusedButDottedDecimalIsNot() throws Exception {
        for (String host : new String[] {"2130706433", "0x7f000001", "0177.0.0.1", "127.1", "0", "0x7F.0.0.1", "127.0.0.01"}) {
            assertThatThrownBy(() -> CheckedResolver.checkNotation(host)).as(host).hasMessageContaining("ambiguous notation");
        }
        String[] fine = {"127.0.0.1", "10.0.0.0", "feeds.example.org", "0xdeadbeef.example.org", "1e100.net", "::1"};
        for (String host : fine) {
            CheckedResolver.checkNotation(host);
        }
    }
}
