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

    @Test
    void aWholeWordMustEndWhereAWordOrPieceEnds() {
        WordList names = new WordList(List.of("Acme", "Ring Video"), WordList.Match.WHOLE);
        assertThat(List.of("Acme", "ACME's cameras", "A.C.M.E.", "A c m e", "ac-me", "(\uff41\uff43\uff4d\uff45)", "\u0410cme",
                "ring-video doorbells", "RINGVIDEO")).allSatisfy(t -> assertThat(names.find(t)).as(t).isPresent());
        assertThat(List.of("Acmeville", "the acmes", "ringing video", "a ring", "macme")).allSatisfy(t ->
                assertThat(names.find(t)).as(t).isEmpty());
    }

    @Test
    void anywhereFindsACodeInsideOtherLettersAndAcrossSeparators() {
        WordList codes = new WordList(List.of("J3JJDFRKN7"), WordList.Match.ANYWHERE);
        assertThat(List.of("J3JJD-FRKN7", "codej3jjdfrkn7!", "J3J JDF RKN7", "j3jjd\u2010frkn7", "\uff2a3JJD-FRKN7"))
                .allSatisfy(t -> assertThat(codes.find(t)).as(t).contains("J3JJDFRKN7"));
        assertThat(codes.find("J3JJD-FRKN8")).isEmpty();
    }

    @Test
    void oneFoldedTextServesSeveralLists() {
        WordList.Folded text = WordList.Folded.of("Thanks to Acme; code J3JJD-FRKN7");
        assertThat(new WordList(List.of("acme"), WordList.Match.WHOLE).find(text)).contains("acme");
        assertThat(new WordList(List.of("J3JJD FRKN7"), WordList.Match.ANYWHERE).find(text)).contains("J3JJD FRKN7");
        assertThat(new WordList(List.of("thank")).find(text)).as("prefix: endings free").contains("thank");
        assertThat(new WordList(List.of("thank"), WordList.Match.WHOLE).find(text)).isEmpty();
    }
}
