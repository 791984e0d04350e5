package org.porchlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsrfTokensTest {

    private static final String TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    private static final String OTHER = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    private static FakeHttp.Request form() {
        return new FakeHttp.Request().post().header("Host", "portal.example");
    }

    @Test
    void aFormWithTheBrowsersTokenFromThisHostPasses() {
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN).build())).isTrue();
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN)
                .header("Origin", "http://portal.example").build())).isTrue();
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN)
                .header("Referer", "https://portal.example:443/sign-in").build())).isTrue();
    }

    @Test
    void aFormWithoutOrWithAnotherTokenIsRefused() {
        assertThat(CsrfTokens.verify(form().build())).isFalse();
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).build())).isFalse();
        assertThat(CsrfTokens.verify(form().parameter("csrf", TOKEN).build())).as("field without cookie").isFalse();
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", OTHER).build())).isFalse();
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN.substring(1)).build())).isFalse();
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", "").build())).isFalse();
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", "").parameter("csrf", "").build())).as("both empty").isFalse();
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", "short").parameter("csrf", "short").build()))
                .as("a planted cookie of the wrong shape").isFalse();
    }

    @Test
    void aFormSentFromAnotherSiteIsRefusedEvenWithTheToken() {
        for (String origin : new String[] {"https://evil.example", "http://portal.example.evil.example",
            "http://portal.example:8081", "not a url"}) {
            assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN).header("Origin", origin)
                    .build())).as(origin).isFalse();
        }
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN)
                .header("Referer", "https://evil.example/page").build())).isFalse();
    }

    @Test
    void aFormOfAPortalPageWithoutReferrerPassesWhereTheBrowserSaysItIsSameOrigin() {
        // Referrer-Policy: no-referrer makes browsers send "Origin: null" with the portal's own forms.
        FakeHttp.Request own = form().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN).header("Origin", "null");
        assertThat(CsrfTokens.verify(own.header("Sec-Fetch-Site", "same-origin").build())).isTrue();
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN).header("Origin", "null")
                .build())).as("a browser too old for Sec-Fetch-Site: the token decides").isTrue();
        for (String site : new String[] {"cross-site", "same-site", "none"}) {
            assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN).header("Origin", "null")
                    .header("Sec-Fetch-Site", site).build())).as(site).isFalse();
            assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN)
                    .header("Origin", "http://portal.example").header("Sec-Fetch-Site", site).build())).as(site).isFalse();
        }
        assertThat(CsrfTokens.verify(form().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN).header("Origin", "https://evil.example")
                .header("Sec-Fetch-Site", "same-origin").build())).as("a real Origin still counts").isFalse();
    }

    @Test
    void overTlsOnlyTheHostPrefixedCookieCounts() {
        FakeHttp.Request plainName = form().secure().cookie("pl_csrf", TOKEN).parameter("csrf", TOKEN);
        assertThat(CsrfTokens.verify(plainName.build())).as("a cookie a subdomain could have set").isFalse();
        FakeHttp.Request prefixed = form().secure().cookie("__Host-pl_csrf", TOKEN).parameter("csrf", TOKEN);
        assertThat(CsrfTokens.verify(prefixed.build())).isTrue();
    }

    @Test
    void aBrowserWithoutATokenGetsARandomOneInAnHttpOnlyLaxCookie() {
        FakeHttp.Response response = new FakeHttp.Response();
        String first = CsrfTokens.token(new FakeHttp.Request().build(), response.build());
        assertThat(first).matches("[A-Za-z0-9_-]{43}");
        assertThat(response.first("Set-Cookie")).isEqualTo("pl_csrf=" + first + "; Path=/; HttpOnly; SameSite=Lax");
        String second = CsrfTokens.token(new FakeHttp.Request().build(), new FakeHttp.Response().build());
        assertThat(second).isNotEqualTo(first);

        FakeHttp.Response secure = new FakeHttp.Response();
        String overTls = CsrfTokens.token(new FakeHttp.Request().secure().build(), secure.build());
        assertThat(secure.first("Set-Cookie"))
                .isEqualTo("__Host-pl_csrf=" + overTls + "; Path=/; HttpOnly; SameSite=Lax; Secure");

        // behind a trusted TLS proxy (the shell wraps such requests): the same Secure, __Host- cookie
        FakeHttp.Response proxied = new FakeHttp.Response();
        String behindProxy = CsrfTokens.token(new ForwardedTls(new FakeHttp.Request().build()), proxied.build());
        assertThat(proxied.first("Set-Cookie"))
                .isEqualTo("__Host-pl_csrf=" + behindProxy + "; Path=/; HttpOnly; SameSite=Lax; Secure");
    }

    @Test
    void aBrowserWithATokenKeepsIt() {
        FakeHttp.Response response = new FakeHttp.Response();
        assertThat(CsrfTokens.token(new FakeHttp.Request().cookie("pl_csrf", TOKEN).build(), response.build())).isEqualTo(TOKEN);
        assertThat(response.all("Set-Cookie")).isEmpty();
    }
}
