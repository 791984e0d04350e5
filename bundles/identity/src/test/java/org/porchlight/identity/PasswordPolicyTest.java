package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy(12);

    @Test
    void longUncommonPasswordsPassWithoutCompositionRules() {
        assertThat(policy.problem("purple tractor under the bridge", "ann@example.org")).isEmpty();
    }

    @Test
    void shortCommonRepetitiveOverlongOrOwnAddressPasswordsAreRefusedWithTheReason() {
        assertThat(policy.problem("short", "ann@example.org")).contains("must be at least 12 characters long");
        assertThat(policy.problem("Password1234", "ann@example.org")).contains("is too easy to guess");
        assertThat(policy.problem("abababababababab", "ann@example.org")).contains("is too easy to guess");
        assertThat(policy.problem("x".repeat(60) + "yzw".repeat(30), "ann@example.org")).contains("must be at most 128 characters long");
        assertThat(policy.problem("my name is annabelle smith", "annabelle@example.org")).contains("must not contain the e-mail address");
    }
}
