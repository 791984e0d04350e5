package org.porchlight.notify.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] SECRET = "a shared secret of some length".getBytes(StandardCharsets.UTF_8);
    private static final byte[] BODY = "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheTimestampADotAndTheBodyAsOpenSslDoes() {
        // printf '1700000000.{"id":"x"}' | openssl dgst -sha256 -hmac 'a shared secret of some length'
        assertThat(WebhookSignature.sign(SECRET, "1700000000", BODY))
                .isEqualTo("sha256=e10e5022b1a1b834a2b87ba737744d5f2182eccda350f758851866ba32ea9e9c");
    }

    @Test
    void aChangedBodyTimestampOrSecretDoesNotVerify() {
        String signature = WebhookSignature.sign(SECRET, "1700000000", BODY);
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, signature)).isTrue();
        assertThat(WebhookSignature.verify(SECRET, "1700000001", BODY, signature)).isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", "{\"id\":\"y\"}".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
        assertThat(WebhookSignature.verify("another secret of some length".getBytes(StandardCharsets.UTF_8), "1700000000", BODY, signature))
                .isFalse();
        assertThat(WebhookSignature.verify(SECRET, "1700000000", BODY, null)).isFalse();
    }
}
