package org.porchlight.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextFoldingTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "protest", "PROTEST", "Protest",
        "pr\u03bftest",                    // Greek small omicron
        "PR\u039FTEST",                    // Greek capital omicron
        "pr\u043etest",                    // Cyrillic small o
        "p\u0433otest",                    // Cyrillic ghe for r
        "pro\u200btest",                   // zero-width space
        "pro\u200dtest",                   // zero-width joiner
        "pro\u00adtest",                   // soft hyphen
        "pro\u202etest",                   // bidi override
        "\uff50\uff52\uff4f\uff54\uff45\uff53\uff54", // fullwidth
        "\uff30\uff32\uff2f\uff34\uff25\uff33\uff34", // fullwidth capitals
        "pr\u00f6t\u00e9st",               // precomposed accents
        "pro\u0301te\u0308st",             // combining accents
        "pr0test",                         // digit zero
        "pro\ufe0ftest",                   // variation selector
    })
    void everySpellingOfAWordFoldsToTheSameForm(String spelling) {
        assertThat(TextFolding.fold(spelling)).isEqualTo(TextFolding.fold("protest"));
    }

    @Test
    void dottedDotlessAndCyrillicIAreOneLetter() {
        String vigil = TextFolding.fold("vigil");
        assertThat(List.of("v\u0131gil", "v\u0456gil", "VIGIL", "V\u0130GIL", "v\u0049gil", "vig\u0131l"))
                .allSatisfy(s -> assertThat(TextFolding.fold(s)).isEqualTo(vigil));
    }

    @Test
    void caseFoldingIsFullNotJustLowerCase() {
        assertThat(TextFolding.fold("STRASSE")).isEqualTo(TextFolding.fold("Stra\u00dfe"));
        assertThat(TextFolding.fold("\u017fit-in")).isEqualTo(TextFolding.fold("sit-in"));
        assertThat(TextFolding.fold("\u03a3\u0399\u0393\u039c\u0391")).isEqualTo(TextFolding.fold("\u03c3\u03b9\u03b3\u03bc\u03b1"));
    }

    @Test
    void differentWordsStayDifferent() {
        assertThat(TextFolding.fold("moral")).isNotEqualTo(TextFolding.fold("rally"));
        assertThat(TextFolding.fold("burglary")).isNotEqualTo(TextFolding.fold("protest"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAXC-1", "maxc-1", "\uff2d\uff21\uff38\uff23\uff0d\uff11", "MAXC\u20101", "MAXC 1", "MAXC1", "maxc_1",
        "M\u0391XC-1", "MAXC\u200b-1", " MAXC-1 "})
    void caseNumbersSpelledDifferentlyHaveOneKey(String caseNumber) {
        assertThat(TextFolding.caseKey(caseNumber)).isEqualTo(TextFolding.caseKey("MAXC-1"));
    }

    @Test
    void theCaseKeyOfAnAsciiNumberIsWhatMigrationTwoComputes() {
        // V2__case_key.sql: letters and digits only, lower case, 0 as o, 1 and i as l, m as rn.
        assertThat(TextFolding.caseKey("KC-2026-001234")).isEqualTo("kc2o26oolz34".replace("z", "2"));
        assertThat(TextFolding.caseKey("MIX-10")).isEqualTo("rnlxlo");
        assertThat(TextFolding.caseKey("MAXC-2")).isNotEqualTo(TextFolding.caseKey("MAXC-1"));
    }
}
