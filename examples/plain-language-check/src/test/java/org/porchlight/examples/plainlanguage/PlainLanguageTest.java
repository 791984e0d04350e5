package org.porchlight.examples.plainlanguage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Sentences and jargon as the check reads them. */
class PlainLanguageTest {

    private final PlainLanguage plain =
            new PlainLanguage(8, PlainLanguage.parseJargon("utilize=use, pursuant to=under, suspect"));

    @Test
    void shortSentencesInPlainWordsPass() {
        assertThat(plain.problems("Road closed\n\nMain St. is closed until 5 p.m. today! Use Oak Street instead.")).isEmpty();
    }

    @Test
    void aLongSentenceIsNamedByItsNumberAndFirstWords() {
        String text = "Water main\n\nCrews are working. The water on the 4100 block of Main Street stays off until noon.";

        assertThat(plain.problems(text)).containsExactly("Sentence 3 (\"The water on the 4100 block ...\") has 13 words; "
                + "split it into sentences of at most 8.");
    }

    @Test
    void jargonIsFoundAsWholeWordsInAnyCaseAndAcrossLineBreaksWithItsPlainWord() {
        assertThat(plain.problems("Officers Utilize cameras.")).containsExactly("Avoid \"utilize\"; say \"use\".");
        assertThat(plain.problems("Pursuant\nto the law.")).containsExactly("Avoid \"pursuant to\"; say \"under\".");
        assertThat(plain.problems("The suspects left.")).as("a whole word only").isEmpty();
        assertThat(plain.problems("A suspect left.")).containsExactly("Avoid \"suspect\".");
    }

    @Test
    void theJargonSettingIsTermsWithOptionalPlainWords() {
        assertThat(PlainLanguage.parseJargon(" Utilize = use ,, vehicle ")).containsExactly(Map.entry("utilize", "use"),
                Map.entry("vehicle", ""));
        assertThatThrownBy(() -> PlainLanguage.parseJargon("=use")).hasMessageContaining("no term");
    }
}
