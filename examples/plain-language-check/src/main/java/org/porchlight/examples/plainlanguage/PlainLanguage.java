package org.porchlight.examples.plainlanguage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What makes a text plain for this check: no sentence longer than a number of words, and none of the jargon, each
 * failure an instruction the author can follow.
 */
public final class PlainLanguage {

    // A sentence ends at . ! or ? before a space, or at a line break (the title, list items).
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\R");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019.,-][\\p{L}\\p{N}]+)*");
    private static final int QUOTED_WORDS = 6;

    private final int maxSentenceWords;
    private final Map<String, Pattern> jargon;
    private final Map<String, String> plain;

    /** @param jargon each term to avoid, lower case, with its plain word (or an empty string) */
    public PlainLanguage(int maxSentenceWords, Map<String, String> jargon) {
        this.maxSentenceWords = maxSentenceWords;
        this.jargon = new LinkedHashMap<>();
        this.plain = Map.copyOf(jargon);
        jargon.keySet().forEach(term -> this.jargon.put(term, Pattern.compile("(?<![\\p{L}\\p{N}])"
                + Pattern.quote(term).replace(" ", "\\E\\s+\\Q") + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)));
    }

    /**
     * The setting {@code jargon}: comma-separated terms, each optionally with {@code =} and its plain word.
     *
     * @throws IllegalArgumentException for an empty term
     */
    public static Map<String, String> parseJargon(String setting) {
        Map<String, String> terms = new LinkedHashMap<>();
        for (String entry : setting.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String term = (eq < 0 ? entry : entry.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (term.isEmpty()) {
                throw new IllegalArgumentException("jargon entry '" + entry.trim() + "' has no term before '='");
            }
            terms.put(term, eq < 0 ? "" : entry.substring(eq + 1).trim());
        }
        return terms;
    }

    /** What is not plain in {@code text}, one instruction each; empty if it is plain. */
    public List<String> problems(String text) {
        List<String> problems = new ArrayList<>();
        int number = 0;
        for (String sentence : SENTENCE_END.split(text)) {
            List<String> words = words(sentence);
            if (words.isEmpty()) {
                continue;
            }
            number++;
            if (words.size() > maxSentenceWords) {
                String start = String.join(" ", words.subList(0, Math.min(QUOTED_WORDS, words.size())));
                problems.add("Sentence " + number + " (\"" + start + " ...\") has " + words.size()
                        + " words; split it into sentences of at most " + maxSentenceWords + ".");
            }
        }
        jargon.forEach((term, pattern) -> {
            if (pattern.matcher(text).find()) {
                String instead = plain.get(term);
                problems.add("Avoid \"" + term + "\"" + (instead.isEmpty() ? "" : "; say \"" + instead + "\"") + ".");
            }
        });
        return problems;
    }

    private static List<String> words(String sentence) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(sentence);
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }
}
