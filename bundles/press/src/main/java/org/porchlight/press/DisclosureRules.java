package org.porchlight.press;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.porchlight.api.incentives.IncentiveFigures.DisclosureTerms;
import org.porchlight.text.TextFolding;
import org.porchlight.text.WordList;

/**
 * When a public text needs the partnership disclosure (privacy principle 10): it names a partner by its registered name
 * or an alias, contains a referral code of the agency, uses a campaign's words, or a vendor wrote any version of it.
 * Names and words are compared folded (NFKC, case folding, format characters removed, TR39 confusable skeletons) and
 * found across punctuation and spaces: names as whole words, campaign words with any ending; codes anywhere, with or
 * without separators.
 */
final class DisclosureRules {

    /** What made the disclosure necessary, as the problem names it. */
    enum Trigger {
        PARTNER_NAME("partner name or alias"),
        REFERRAL_CODE("referral code"),
        CAMPAIGN_WORDS("campaign words"),
        VENDOR_AUTHOR("vendor author");

        final String label;

        Trigger(String label) {
            this.label = label;
        }
    }

    /** A trigger with what set it off: the name, code or campaign word as registered, or the vendor's granted name. */
    record Reason(Trigger trigger, String term) {
        String describe() {
            return trigger.label + " '" + term + "'";
        }
    }

    /** Letters or digits a campaign word needs to count on its own; shorter ones are too common. */
    static final int MIN_CAMPAIGN_WORD = 4;
    /** Words of campaign names that do not count on their own: common English and the vocabulary of camera programmes. */
    static final Set<String> COMMON_WORDS = commonWords();

    private final WordList partners;
    private final WordList codes;
    private final WordList campaignWords;

    DisclosureRules(DisclosureTerms terms) {
        this.partners = new WordList(terms.partnerNames(), WordList.Match.WHOLE);
        this.codes = new WordList(terms.referralCodes(), WordList.Match.ANYWHERE);
        this.campaignWords = new WordList(campaignWords(terms.campaignNames()), WordList.Match.PREFIX);
    }

    /**
     * Why {@code text} needs the disclosure, if it does: the first rule in the order vendor author, partner name, referral
     * code, campaign words.
     *
     * @param vendor the granted name of a vendor that wrote any version of the text, or {@code null} if none did
     */
    Optional<Reason> required(String text, String vendor) {
        if (vendor != null) {
            return Optional.of(new Reason(Trigger.VENDOR_AUTHOR, vendor));
        }
        WordList.Folded folded = WordList.Folded.of(text);
        Optional<String> found = partners.find(folded);
        if (found.isPresent()) {
            return Optional.of(new Reason(Trigger.PARTNER_NAME, found.get()));
        }
        found = codes.find(folded);
        if (found.isPresent()) {
            return Optional.of(new Reason(Trigger.REFERRAL_CODE, found.get()));
        }
        return campaignWords.find(folded).map(w -> new Reason(Trigger.CAMPAIGN_WORDS, w));
    }

    /**
     * What counts as a campaign's words: the whole name as a phrase ({@code Doorbell Drive}, also spelled
     * {@code doorbell-drive}), and each word of it with at least {@value #MIN_CAMPAIGN_WORD} letters or digits, at least one
     * letter, that is not a common word ({@code Porchguard} counts alone; {@code doorbell}, {@code drive}, {@code free},
     * {@code SafeStreets} and {@code 2026} do not).
     */
    static List<String> campaignWords(List<String> names) {
        Set<String> words = new LinkedHashSet<>();
        for (String name : names) {
            if (name == null || name.isBlank()) {
                continue;
            }
            words.add(name.strip());
            for (String word : name.split("[^\\p{L}\\p{N}]+")) {
                if (distinctive(word)) {
                    words.add(word);
                }
            }
        }
        return new ArrayList<>(words);
    }

    /**
     * A word counts alone if it has enough letters or digits, a letter, and is not common; a compound written in camel
     * case ({@code SafeStreets}) is common if all its parts are, since texts write it as two words ("safe streets").
     */
    private static boolean distinctive(String word) {
        if (key(word).length() < MIN_CAMPAIGN_WORD || word.codePoints().noneMatch(Character::isLetter)) {
            return false;
        }
        return Arrays.stream(word.split("(?<=\\p{Ll})(?=\\p{Lu})")).anyMatch(part -> !common(key(part)));
    }

    private static boolean common(String key) {
        return COMMON_WORDS.contains(key) || key.endsWith("s") && COMMON_WORDS.contains(key.substring(0, key.length() - 1))
                || key.endsWith("es") && COMMON_WORDS.contains(key.substring(0, key.length() - 2));
    }

    private static String key(String word) {
        return TextFolding.lettersAndDigits(TextFolding.fold(word));
    }

    /** The list in {@code common-words.txt}, folded: words separated by spaces and lines, {@code #} comment lines. */
    private static Set<String> commonWords() {
        try (InputStream in = DisclosureRules.class.getResourceAsStream("common-words.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.startsWith("#")).flatMap(l -> Arrays.stream(l.split("\\s+")))
                    .filter(w -> !w.isEmpty()).map(DisclosureRules::key).collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
