package org.porchlight.incentives;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * Referral codes people can read aloud and type from a flyer: an alphabet without look-alikes
 * (no 0/O, 1/I/L, 2/Z, 5/S, 6/G, 8/B, U/V), shown in groups of five, typed in any case, with or
 * without the dashes and spaces.
 */
public final class ReferralCodes {

    static final String ALPHABET = "ACDEFHJKMNPQRTWXY3479";
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReferralCodes() {
    }

    /** A new code of {@code length} characters: about 4.4 bits each, 44 bits for the default 10. */
    static String generate(int length) {
        StringBuilder code = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The code as stored, or {@code null} if the input cannot be one. */
    static String normalize(String input) {
        if (input == null) {
            return null;
        }
        String code = input.replace("-", "").replace(" ", "").toUpperCase(Locale.ROOT);
        if (code.length() < 8 || code.length() > 16) {
            return null;
        }
        for (int i = 0; i < code.length(); i++) {
            if (ALPHABET.indexOf(code.charAt(i)) < 0) {
                return null;
            }
        }
        return code;
    }

    /** For printing: groups of five joined by dashes, e.g. {@code ACDEF-HJKMN}. */
    public static String display(String code) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < code.length(); i += 5) {
            shown.append(i == 0 ? "" : "-").append(code, i, Math.min(code.length(), i + 5));
        }
        return shown.toString();
    }
}
