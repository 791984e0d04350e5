package org.porchlight.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldLimitsTest {

    @Test
    void leavesOrdinaryTextAlone() {
        assertThat(FieldLimits.text("POST /agencies/{agency}/staff", 200)).isEqualTo("POST /agencies/{agency}/staff");
    }

    @Test
    void cutsLongTextToTheLimitWithAnEllipsis() {
        String cut = FieldLimits.text("x".repeat(600), FieldLimits.TARGET);
        assertThat(cut).hasSize(FieldLimits.TARGET).endsWith("\u2026").startsWith("xxx");
    }

    @Test
    void neverCutsASurrogatePairInHalf() {
        String smiles = "\uD83D\uDE00".repeat(300); // 600 chars, 300 code points
        String cut = FieldLimits.text(smiles, 200);
        assertThat(cut.length()).isLessThanOrEqualTo(200);
        assertThat(cut.codePoints().filter(c -> Character.getType(c) == Character.SURROGATE)).isEmpty();
    }

    @Test
    void replacesControlCharactersAndBrokenSurrogates() {
        assertThat(FieldLimits.text("a\u0000b\nc\uD800d", 200)).isEqualTo("a\uFFFDb\uFFFDc\uFFFDd");
    }

    @Test
    void refusesMalformedIdentifiersWithoutEchoingThem() {
        assertThatThrownBy(() -> FieldLimits.identifier("request id", "r".repeat(129), 128))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("request id is longer than 128 characters");
        assertThatThrownBy(() -> FieldLimits.identifier("request id", "secret\nline", 128))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> FieldLimits.identifier("request id", "", 128)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spellsTenantsUpperCaseAndBlankAsNone() {
        assertThat(FieldLimits.tenant(" kcpd ")).isEqualTo("KCPD");
        assertThat(FieldLimits.tenant("  ")).isNull();
        assertThat(FieldLimits.tenant(null)).isNull();
        assertThatThrownBy(() -> FieldLimits.tenant("K".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }
}
