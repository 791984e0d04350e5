package org.porchlight.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.porchlight.api.outbound.OutboundRequest;

/** Where redirects lead, and which ones are refused. */
class RedirectsTest {

    private final OutboundRequest get = OutboundRequest.get(URI.create("https://feeds.example.org/a/feed.csv"))
            .withHeader("Authorization", "Bearer x").withHeader("If-None-Match", "\"v1\"");

    @Test
    void aRelativeLocationIsResolvedAgainstTheCurrentUrl() throws IOException {
        OutboundRequest next = Redirects.follow(get, 302, "../b/feed.csv");

        assertThat(next.uri()).isEqualTo(URI.create("https://feeds.example.org/b/feed.csv"));
        assertThat(next.method()).isEqualTo("GET");
        assertThat(next.headers()).containsKeys("Authorization", "If-None-Match");
    }

    @Test
    void fromHttpsToHttpIsRefused() {
        assertThatThrownBy(() -> Redirects.follow(get, 301, "http://feeds.example.org/feed.csv"))
                .isInstanceOf(IOException.class).hasMessage("a redirect from https to http, which the server does not follow");
    }

    @Test
    void otherSchemesAndMissingLocationsAreRefused() {
        assertThatThrownBy(() -> Redirects.follow(get, 302, "file:///etc/passwd")).hasMessageContaining("a file URL");
        assertThatThrownBy(() -> Redirects.follow(get, 302, "gopher://x/")).hasMessageContaining("a gopher URL");
        assertThatThrownBy(() -> Redirects.follow(get, 302, null)).hasMessage("a redirect (HTTP 302) without a Location");
        assertThatThrownBy(() -> Redirects.follow(get, 302, "http://[::1")).hasMessageContaining("not a URL");
    }

    @Test
    void credentialsDoNotFollowToAnotherPlace() throws IOException {
        OutboundRequest next = Redirects.follow(get, 307, "https://cdn.example.net/feed.csv");

        assertThat(next.headers()).containsOnlyKeys("If-None-Match");
    }

    @Test
    void a303OrA302AfterAPostGoesOnAsAGetWithoutBody() throws IOException {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        OutboundRequest post = OutboundRequest.post(URI.create("https://hooks.example.org/in"), json)
                .withHeader("Content-Type", "application/json");

        OutboundRequest after302 = Redirects.follow(post, 302, "/elsewhere");
        OutboundRequest after307 = Redirects.follow(post, 307, "/elsewhere");

        assertThat(after302.method()).isEqualTo("GET");
        assertThat(after302.body()).isEmpty();
        assertThat(after302.headers()).doesNotContainKey("Content-Type");
        assertThat(after307.method()).isEqualTo("POST");
        assertThat(new String(after307.body(), StandardCharsets.UTF_8)).isEqualTo("{}");
        assertThat(Redirects.follow(get, 303, "/x").method()).isEqualTo("GET");
    }

    @Test
    void onlyTheRedirectStatusesAreRedirects() {
        assertThat(Redirects.isRedirect(302)).isTrue();
        assertThat(Redirects.isRedirect(308)).isTrue();
        assertThat(Redirects.isRedirect(304)).isFalse();
        assertThat(Redirects.isRedirect(300)).isFalse();
    }
}
