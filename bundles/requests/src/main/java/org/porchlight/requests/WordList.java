package org.porchlight.requests;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Words a text must not use, found however they are spelled: texts and words are compared in {@link TextFolding}'s form,
 * and a word is found where the letters and digits from the start of any word of the text, or of any piece of a word split
 * by punctuation, spell it, whatever lies between them (hyphens, dots, apostrophes, spaces, line breaks). So
 * {@code pro-test}, {@code p.r.o.t.e.s.t}, {@code p r o t e s t} and {@code pro test} are all "protest", and endings are
 * free ({@code rallying} is "rally"); a word is not found inside another ({@code moral} is not "rally").
 */
final class WordList {

    /** Each word's folded letters and digits, with the word as configured (for the message). */
    private final Map<String, String> words = new LinkedHashMap<>();

    WordList(Collection<String> configured) {
        for (String word : configured) {
            String key = TextFolding.lettersAndDigits(TextFolding.fold(word.strip()));
            // A word without letters or digits would match everything and is left out.
            if (!key.isEmpty()) {
                words.putIfAbsent(key, word.strip());
            }
        }
    }

    /** The first listed word that {@code text} uses, as configured. */
    Optional<String> find(String text) {
        if (text == null || words.isEmpty()) {
            return Optional.empty();
        }
        String folded = TextFolding.fold(text);
        StringBuilder letters = new StringBuilder(folded.length());
        List<Integer> starts = new ArrayList<>();
        boolean inPiece = false;
        for (int i = 0; i < folded.length(); ) {
            int cp = folded.codePointAt(i);
            boolean letter = Character.isLetterOrDigit(cp);
            if (letter) {
                if (!inPiece) {
                    starts.add(letters.length());
                }
                letters.appendCodePoint(cp);
            }
            inPiece = letter;
            i += Character.charCount(cp);
        }
        String joined = letters.toString();
        for (int start : starts) {
            for (Map.Entry<String, String> word : words.entrySet()) {
                if (joined.startsWith(word.getKey(), start)) {
                    return Optional.of(word.getValue());
                }
            }
        }
        return Optional.empty();
    }
}
