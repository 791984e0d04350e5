package org.porchlight.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.porchlight.api.rest.ClientAddresses;

/**
 * The reverse-proxy examples in etc/examples send what the trusted-proxy code reads, under the
 * names it reads them by: a header the proxy spells differently would leave every client counted as
 * the proxy and every request as plain HTTP.
 */
class ProxyExamplesTest {

    private static final Path EXAMPLES = Path.of("src/main/dist/etc/examples");

    @Test
    void nginxSetsTheForwardedHeadersThatTrustedProxiesRead() throws Exception {
        String nginx = Files.readString(EXAMPLES.resolve("nginx.conf"));
        assertThat(nginx).contains("proxy_set_header " + ClientAddresses.FORWARDED_PROTO + " $scheme;")
                .contains("proxy_set_header " + ClientAddresses.FORWARDED_FOR + " $proxy_add_x_forwarded_for;")
                .contains("proxy_set_header Host $host;")
                .contains("proxy_pass http://127.0.0.1:8080;")
                .doesNotContain("Strict-Transport-Security \"");
    }

    @Test
    void caddyKeepsItsDefaultForwardedHeaders() throws Exception {
        String caddy = Files.readString(EXAMPLES.resolve("Caddyfile"));
        // Caddy's reverse_proxy sets X-Forwarded-For and X-Forwarded-Proto and passes Host on by itself;
        // the example must not take them away.
        assertThat(caddy).contains("reverse_proxy 127.0.0.1:8080").doesNotContain("header_up -" + ClientAddresses.FORWARDED_PROTO)
                .doesNotContain("header_up -" + ClientAddresses.FORWARDED_FOR).doesNotContain("header_up Host");
        assertThat(ClientAddresses.FORWARDED_FOR).isEqualTo("X-Forwarded-For");
        assertThat(ClientAddresses.FORWARDED_PROTO).isEqualTo("X-Forwarded-Proto");
    }
}
