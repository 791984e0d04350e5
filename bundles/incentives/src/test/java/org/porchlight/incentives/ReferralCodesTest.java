package org.porchlight.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReferralCodesTest {

    @Test
    void codesUseOnlyCharactersThatCannotBeMistakenForOthers() {
        for (char lookAlike : "0O1IL2Z5S6G8BUV".toCharArray()) {
            assertThat(ReferralCodes.ALPHABET).doesNotContain(String.valueOf(lookAlike));
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = ReferralCodes.generate(10);
            assertThat(code).hasSize(10).matches("[" + ReferralCodes.ALPHABET + "]+");
            codes.add(code);
        }
        assertThat(codes).as("unguessable: no repeats in 10,000").hasSize(10_000);
    }

    @Test
    void typedCodesAreReadInAnyCaseWithOrWithoutDashes() {
        assertThat(ReferralCodes.normalize("acdef-hjkmn")).isEqualTo("ACDEFHJKMN");
        assertThat(ReferralCodes.normalize(" ACDEF HJKMN ")).isEqualTo("ACDEFHJKMN");
        assertThat(ReferralCodes.display("ACDEFHJKMN")).isEqualTo("ACDEF-HJKMN");
        assertThat(ReferralCodes.normalize("ACDEF-HJKM0")).as("a zero is never in a code").isNull();
        assertThat(ReferralCodes.normalize("ACD")).isNull();
        assertThat(ReferralCodes.normalize(null)).isNull();
    }
}
