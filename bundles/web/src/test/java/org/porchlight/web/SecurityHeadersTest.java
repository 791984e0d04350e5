package org.porchlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void everyPageForbidsInlineScriptsStylesFramingAndSniffing() {
        FakeHttp.Response response = new FakeHttp.Response();
        SecurityHeaders.apply(response.build());
        String csp = response.first("Content-Security-Policy");
        assertThat(csp).startsWith("default-src 'self';").contains("script-src 'self';", "style-src 'self';",
                "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "*", "http:", "https:");
        assertThat(response.first("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.first("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.first("Referrer-Policy")).isEqualTo("same-origin");
    }
}
