package org.porchlight.audit;

import java.util.Locale;

/**
 * What an entry's fields may hold, applied before hashing so that the hash covers exactly what
 * the database stores and no value can make the insert fail. The limits are those of the
 * columns (db/migration/V1). Descriptions (action, target, outcome) are cut to fit: an entry
 * with a shortened target is better than a state change that cannot be audited. Identifiers
 * (tenant, request id, actor ids) are matched on, so a wrong one is refused instead.
 */
final class FieldLimits {

    static final int ACTOR = 200;
    static final int ACTOR_ID = 150;
    static final int TENANT = 64;
    static final int ACTION = 200;
    static final int TARGET = 500;
    static final int OUTCOME = 100;
    static final int REQUEST_ID = 128;

    private static final int REPLACEMENT = '\uFFFD';
    private static final String CUT = "\u2026";

    private FieldLimits() {
    }

    /**
     * A description, at most {@code max} characters: control characters (PostgreSQL refuses
     * NUL; line breaks would forge lines in a listing) and broken surrogate pairs (UTF-8 cannot
     * encode them, so the database would store something else than was hashed) become U+FFFD, and
     * a longer value is cut at a character boundary and ends with an ellipsis.
     */
    static String text(String value, int max) {
        String clean = clean(value);
        if (clean.length() <= max) {
            return clean;
        }
        int end = max - CUT.length();
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + CUT;
    }

    /**
     * An identifier, unchanged, or {@link IllegalArgumentException} if it is empty, longer than
     * {@code max} or holds a control character. The message names the field, never the value.
     */
    static String identifier(String what, String value, int max) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (value.length() > max) {
            throw new IllegalArgumentException(what + " is longer than " + max + " characters");
        }
        if (!clean(value).equals(value)) {
            throw new IllegalArgumentException(what + " holds a control character or a broken surrogate pair");
        }
        return value;
    }

    /**
     * An agency's short code in the one spelling entries are stored and searched in: upper case,
     * since codes are case-insensitive ({@code Caller.isStaffOf}). Blank means none.
     */
    static String tenant(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return identifier("tenant", value.strip().toUpperCase(Locale.ROOT), TENANT);
    }

    private static String clean(String value) {
        StringBuilder out = null;
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            int width = Character.charCount(codePoint);
            boolean bad = Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.SURROGATE;
            if (bad && out == null) {
                out = new StringBuilder(value.length()).append(value, 0, i);
            }
            if (out != null) {
                out.appendCodePoint(bad ? REPLACEMENT : codePoint);
            }
            i += width;
        }
        return out == null ? value : out.toString();
    }
}
