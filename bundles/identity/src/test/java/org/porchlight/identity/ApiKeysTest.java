package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiKeysTest {

    @Test
    void keyIdsNeverHoldTheSeparator() {
        // Base64url ids once held "_" about one key in six, and such keys never authenticated.
        for (int i = 0; i < 10_000; i++) {
            assertThat(ApiKeys.newKeyId()).matches("[0-9a-f]{16}");
        }
    }

    @Test
    void aKeySplitsAtTheFirstSeparatorAfterThePrefix() {
        assertThat(ApiKeys.parse("plk_0123456789abcdef_se_cr-et")).containsExactly("0123456789abcdef", "se_cr-et");
        assertThat(ApiKeys.parse("plk__secret")).isNull();
        assertThat(ApiKeys.parse("plk_0123456789abcdef_")).isNull();
        assertThat(ApiKeys.parse("plk_noseparator")).isNull();
    }
}
