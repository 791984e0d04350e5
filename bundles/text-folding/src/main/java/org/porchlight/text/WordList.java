package org.porchlight.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Words a text uses, found however they are spelled: texts and words are compared in {@link TextFolding}'s form, and a
 * word is found where the letters and digits from the start of any word of the text, or of any piece of a word split by
 * punctuation, spell it, whatever lies between them (hyphens, dots, apostrophes, spaces, line breaks). So
 * {@code pro-test}, {@code p.r.o.t.e.s.t}, {@code p r o t e s t} and {@code pro test} are all "protest". How the end of a
 * word is treated is the list's {@link Match}.
 */
public final class WordList {

    /** Where a listed word may end, and start. */
    public enum Match {
        /** From the start of a word or piece, with any ending: {@code rallying} is "rally", {@code moral} is not. */
        PREFIX,
        /** From the start of a word or piece to the end of one: {@code Acme's} is "Acme", {@code Acmeville} is not. */
        WHOLE,
        /** Anywhere in the text's letters and digits, e.g. random codes: {@code useJ3JJDFRKN7} holds "J3JJD-FRKN7". */
        ANYWHERE
    }

    /** Each word's folded letters and digits, with the word as given (for the message). */
    private final Map<String, String> words = new LinkedHashMap<>();
    private final Match match;

    /** Words found by their start, endings free ({@link Match#PREFIX}). */
    public WordList(Collection<String> configured) {
        this(configured, Match.PREFIX);
    }

    public WordList(Collection<String> configured, Match match) {
        this.match = match;
        for (String word : configured) {
            if (word == null) {
                continue;
            }
            String key = TextFolding.caseKey(word.strip());
            // A word without letters or digits would match everything and is left out.
            if (!key.isEmpty()) {
                words.putIfAbsent(key, word.strip());
            }
        }
    }

    /** Whether no word is listed. */
    public boolean isEmpty() {
        return words.isEmpty();
    }

    /** The first listed word that {@code text} uses, as given. */
    public Optional<String> find(String text) {
        return text == null || words.isEmpty() ? Optional.empty() : find(Folded.of(text));
    }

    /** The first listed word that the folded text uses, as given: fold a text once to look for several lists. */
    public Optional<String> find(Folded text) {
        for (Map.Entry<String, String> word : words.entrySet()) {
            if (match == Match.ANYWHERE ? text.joined.contains(word.getKey()) : startsAtPiece(text, word.getKey())) {
                return Optional.of(word.getValue());
            }
        }
        return Optional.empty();
    }

    private boolean startsAtPiece(Folded text, String key) {
        for (int start : text.starts) {
            if (text.joined.startsWith(key, start) && (match == Match.PREFIX || text.ends.contains(start + key.length()))) {
                return true;
            }
        }
        return false;
    }

    /** A text in folded form: its letters and digits joined, and where each word or piece starts and ends in them. */
    public static final class Folded {
        private final String joined;
        private final List<Integer> starts;
        private final Set<Integer> ends;

        private Folded(String joined, List<Integer> starts, Set<Integer> ends) {
            this.joined = joined;
            this.starts = starts;
            this.ends = ends;
        }

        public static Folded of(String text) {
            String folded = TextFolding.fold(text);
            StringBuilder letters = new StringBuilder(folded.length());
            List<Integer> starts = new ArrayList<>();
            Set<Integer> ends = new HashSet<>();
            boolean inPiece = false;
            for (int i = 0; i < folded.length(); ) {
                int cp = folded.codePointAt(i);
                boolean letter = Character.isLetterOrDigit(cp);
                if (letter && !inPiece) {
                    starts.add(letters.length());
                } else if (!letter && inPiece) {
                    ends.add(letters.length());
                }
                if (letter) {
                    letters.appendCodePoint(cp);
                }
                inPiece = letter;
                i += Character.charCount(cp);
            }
            ends.add(letters.length());
            return new Folded(letters.toString(), List.copyOf(starts), Set.copyOf(ends));
        }
    }
}
