package org.porchlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecurityHeadersTest {

    @Test
    void everyPageForbidsInlineScriptsStylesFramingAndSniffing() {
        FakeHttp.Response response = new FakeHttp.Response();
        new SecurityHeaders("").apply(response.build());
        String csp = response.first("Content-Security-Policy");
        assertThat(csp).startsWith("default-src 'self';").contains("script-src 'self';", "style-src 'self';",
                "img-src 'self' data:;", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'", "form-action 'self'");
        assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval", "*", "http:", "https:");
        assertThat(response.first("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.first("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.first("Referrer-Policy")).as("no token of an address to anyone").isEqualTo("no-referrer");
    }

    @Test
    void theTileServersOriginMayServeImagesAndNothingElse() {
        String csp = new SecurityHeaders("https://tile.openstreetmap.org/{z}/{x}/{y}.png").contentSecurityPolicy();
        assertThat(csp).contains("img-src 'self' data: https://tile.openstreetmap.org;").contains("script-src 'self';",
                "connect-src 'self';");
        assertThat(new SecurityHeaders("https://{s}.tiles.example:8443/{z}/{x}/{y}.png").contentSecurityPolicy())
                .contains("img-src 'self' data: https://*.tiles.example:8443;");
        assertThat(new SecurityHeaders("https://tile-{s}.example.org/{z}/{x}/{y}.png").contentSecurityPolicy())
                .contains("img-src 'self' data: https://*.example.org;");
    }

    @Test
    void aTileUrlThatIsNotAPlainOriginAddsNothingToThePolicy() {
        for (String hostile : new String[] {"https://x.example; script-src *", "javascript:alert(1)", "data:image/png,xx",
            "https://x.example'/{z}", "//x.example/{z}", "not a url", "ftp://x.example/{z}"}) {
            assertThat(SecurityHeaders.tileOrigin(hostile)).as(hostile).isEmpty();
            assertThat(new SecurityHeaders(hostile).contentSecurityPolicy()).as(hostile).contains("img-src 'self' data:;")
                    .doesNotContain("x.example");
        }
    }
}
