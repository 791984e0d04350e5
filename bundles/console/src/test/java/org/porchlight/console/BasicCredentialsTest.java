package org.porchlight.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class BasicCredentialsTest {

    private static String encode(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void splitsAtTheFirstColonSoPasswordsMayHoldColons() {
        assertThat(BasicCredentials.parse(encode("admin@example.org:pass:word")))
                .contains(new BasicCredentials("admin@example.org", "pass:word"));
    }

    @Test
    void readsUtf8() {
        assertThat(BasicCredentials.parse(encode("zoë@example.org:pässwörd"))).hasValueSatisfying(c -> {
            assertThat(c.email()).isEqualTo("zoë@example.org");
            assertThat(c.password()).isEqualTo("pässwörd");
        });
    }

    @Test
    void refusesWhatHoldsNoUserAndPassword() {
        assertThat(BasicCredentials.parse("not base64!")).isEmpty();
        assertThat(BasicCredentials.parse(encode("no colon"))).isEmpty();
        assertThat(BasicCredentials.parse(encode(":password only"))).isEmpty();
        assertThat(BasicCredentials.parse(encode("user only:"))).isEmpty();
        assertThat(BasicCredentials.parse(encode("a@b.c:" + "x".repeat(1025)))).isEmpty();
    }

    @Test
    void neverPrintsThePassword() {
        assertThat(new BasicCredentials("a@b.c", "secret words").toString()).doesNotContain("secret");
    }
}
