package org.porchlight.rest.request;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HttpsRuleTest {

    private final HttpsRule ownTls = new HttpsRule(true, 0, 8443, 31_536_000, false);

    @Test
    void hstsGoesOnAnswersOverHttpsOnly() {
        assertThat(ownTls.hsts(true)).contains("max-age=31536000");
        assertThat(ownTls.hsts(false)).isEmpty();
        assertThat(new HttpsRule(false, 0, 8443, 600, true).hsts(true)).contains("max-age=600; includeSubDomains");
        assertThat(new HttpsRule(true, 0, 8443, 0, true).hsts(true)).as("0 turns it off").isEmpty();
    }

    @Test
    void plainHttpIsSentToHttpsExceptTheHealthProbe() {
        assertThat(ownTls.sendsToHttps(false, "/requests")).isTrue();
        assertThat(ownTls.sendsToHttps(true, "/requests")).isFalse();
        assertThat(ownTls.sendsToHttps(false, "/api/health")).isFalse();
        assertThat(ownTls.sendsToHttps(false, "/api/health/x")).isTrue();
        assertThat(new HttpsRule(false, 0, 8443, 1, false).sendsToHttps(false, "/requests")).as("redirect off").isFalse();
    }

    @Test
    void onlyReadingMethodsAreRedirected() {
        assertThat(HttpsRule.redirectable("GET")).isTrue();
        assertThat(HttpsRule.redirectable("HEAD")).isTrue();
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE", "OPTIONS", "get"}) {
            assertThat(HttpsRule.redirectable(method)).as(method).isFalse();
        }
    }

    @Test
    void theHttpsAddressKeepsHostPathAndQueryOnThePortTheRequestCameBy() {
        assertThat(ownTls.httpsUrl(false, "Portal.Example.org", "/requests/a%20b", "page=2&x=%2F"))
                .contains("https://portal.example.org:8443/requests/a%20b?page=2&x=%2F");
        assertThat(ownTls.httpsUrl(true, "portal.example.org", "/", null)).as("through a proxy: its port 443")
                .contains("https://portal.example.org/");
        assertThat(new HttpsRule(true, 0, 0, 0, false).httpsUrl(false, "portal.example.org", "", null))
                .contains("https://portal.example.org/");
        assertThat(new HttpsRule(true, 9443, 8443, 0, false).httpsUrl(true, "[2001:db8::1]", "/a", null))
                .contains("https://[2001:db8::1]:9443/a");
        assertThat(new HttpsRule(true, 443, 8443, 0, false).httpsUrl(false, "10.0.0.5", "/a", null))
                .contains("https://10.0.0.5/a");
    }

    @Test
    void aHostThatCouldBreakTheLocationGetsNoAddress() {
        String[] hosts = {null, "", "evil.example/path", "a b", "host\r\nSet-Cookie: x=1", "user@host", "[::1]x"};
        for (String host : hosts) {
            assertThat(ownTls.httpsUrl(false, host, "/", null)).as(String.valueOf(host)).isEmpty();
        }
    }
}
