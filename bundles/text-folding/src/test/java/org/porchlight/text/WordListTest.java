package org.porchlight.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WordListTest {

    private final WordList words = new WordList(List.of("protest", "rally", "sit-in", "vigil", " ", "--"));

    @ParameterizedTest
    @ValueSource(strings = {"at the pr\u03bftest", "at the pro\u200btest", "at the pro-test", "at the p.r.o.t.e.s.t",
        "at the p r o t e s t", "at the pro test", "at the \uff50\uff52\uff4f\uff54\uff45\uff53\uff54", "at the pr\u043etest",
        "anti-protest signs", "PROTESTERS", "pro\u00ad\ntest", "(protest)", "pr0testing", "people r\u0430llying"})
    void aListedWordIsFoundHoweverItIsSpelled(String text) {
        assertThat(words.find(text)).isPresent();
    }

    @Test
    void aWordWithAHyphenIsFoundWithOrWithoutIt() {
        assertThat(words.find("a sit-in at the mall")).contains("sit-in");
        assertThat(words.find("a sitin at the mall")).contains("sit-in");
        assertThat(words.find("a s\u0456t\u2010in at the mall")).contains("sit-in");
        assertThat(words.find("a v\u0131g\u0131l")).contains("vigil");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A moral duty", "the car was stolen near the marching band practice", "a burglary on the 4100 block",
        "totally unrelated", "contest results", "the prosecutor's test"})
    void wordsInsideOtherWordsAndOrdinaryTextAreNotFound(String text) {
        assertThat(words.find(text)).isEmpty();
    }

    @Test
    void blankOrSeparatorOnlyWordsMatchNothing() {
        assertThat(new WordList(List.of(" ", "-")).find("anything at all")).isEmpty();
    }
}
