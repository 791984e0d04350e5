package org.porchlight.text;

import java.text.Normalizer;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * Turns a text into the form in which policy texts and case numbers are compared, so that a word cannot be dodged by how
 * it is spelled: compatibility forms (fullwidth, ligatures), case, invisible format characters, accents and look-alike
 * letters from other scripts all fold away.
 *
 * <p>The steps: NFKC; format characters and other default-ignorable code points removed (zero-width space and joiners,
 * soft hyphen, bidi controls, variation selectors); NFKC with full case folding (ß is ss, ſ is s, Σ is σ); the Unicode
 * TR39 confusable skeleton (ICU4J's data: Greek ο, Cyrillic і and о, dotless ı, digit 0 meet their Latin look-alikes),
 * Latin small capitals read as their letter; combining marks removed after NFD; and i taken as l, since a capital I and
 * a small L are confusable but case folding has already turned the I into an i.
 * The result is for comparing only: it is coarser than what people read ("m" and "rn" are one) and never shown.
 */
public final class TextFolding {

    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();
    private static final String SMALL_CAPITAL = "LATIN LETTER SMALL CAPITAL ";

    private TextFolding() {
    }

    /** The comparison form of {@code text}. */
    public static String fold(String text) {
        String folded = NFKC_CASEFOLD.normalize(withoutIgnorables(NFKC.normalize(text)));
        folded = withoutSmallCapitals(CONFUSABLES.getSkeleton(folded));
        folded = NFKC_CASEFOLD.normalize(withoutMarks(folded));
        return folded.replace('i', 'l');
    }

    /**
     * The key under which case numbers are counted: the folded form with every character that is not a letter or a digit
     * removed, so {@code MAXC-1}, {@code maxc-1}, {@code ＭＡＸＣ－１}, {@code MAXC‐1} and {@code MAXC 1} are one case.
     * For ASCII input this is lower case, 0 as o, 1 and i as l, m as rn, separators gone (the requests bundle's
     * migration V2 relies on it).
     */
    public static String caseKey(String caseNumber) {
        return lettersAndDigits(fold(caseNumber));
    }

    /** {@code text} with only its letters and digits. */
    public static String lettersAndDigits(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static String withoutIgnorables(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints()
                .filter(cp -> Character.getType(cp) != Character.FORMAT && !UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT))
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** Latin small capitals (TR39's prototype for Greek tau is small capital T) read as their letter. */
    private static String withoutSmallCapitals(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            String name = cp > 0x7f ? UCharacter.getName(cp) : null;
            if (name != null && name.startsWith(SMALL_CAPITAL) && name.length() == SMALL_CAPITAL.length() + 1) {
                kept.append(Character.toLowerCase(name.charAt(SMALL_CAPITAL.length())));
            } else {
                kept.appendCodePoint(cp);
            }
        });
        return kept.toString();
    }

    private static String withoutMarks(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        Normalizer.normalize(text, Normalizer.Form.NFD).codePoints()
                .filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK && Character.getType(cp) != Character.ENCLOSING_MARK)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
