package org.porchlight.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a password must be, after NIST SP 800-63B: long enough, not too long to hash, not one of
 * the passwords every attacker tries first, not the account's own e-mail. No composition rules:
 * they make passwords harder to remember, not to guess.
 */
final class PasswordPolicy {

    static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = Set.of("password", "passwords", "123456789012", "1234567890123",
            "qwertyuiopas", "qwertyuiop123", "iloveyou1234", "password1234", "password12345", "welcome12345",
            "letmein12345", "administrator", "changeme1234", "trustno1trustno1", "aaaaaaaaaaaa", "abcdefghijkl",
            "porchlight123", "porchlight1234", "neighborhood1", "1q2w3e4r5t6y");

    private final int minLength;

    PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    /** Why {@code password} is not acceptable for {@code email}, or empty if it is. */
    Optional<String> problem(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < minLength) {
            return Optional.of("must be at least " + minLength + " characters long");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || lower.chars().distinct().count() < 4) {
            return Optional.of("is too easy to guess");
        }
        if (email != null && lower.contains(email.toLowerCase(Locale.ROOT).split("@")[0]) && email.indexOf('@') > 3) {
            return Optional.of("must not contain the e-mail address");
        }
        return Optional.empty();
    }
}
