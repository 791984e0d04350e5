package org.porchlight.api.rest;

import java.util.regex.Pattern;

/**
 * Request paths as logs and the audit trail may keep them: a path segment that holds a link's
 * secret token (a run of 40 or more URL-safe base64 characters, such as a witness link's
 * {@code /api/public/submissions/{token}}) is replaced by {@value #REPLACEMENT} whole, since the
 * server itself keeps only the token's hash. Ids (UUIDs, numbers) stay. The segment is looked at
 * as sent and percent-decoded, so neither an encoded character ({@code %41}) nor a suffix
 * ({@code ;jsessionid=...}, {@code .json}) lets a token through. Every log line and audit target
 * that names a request path goes through {@link #path}.
 *
 * <pre>{@code
 * LOG.warn("Refused {} {}", http.getMethod(), PathRedaction.path(http.getRequestURI()));
 * }</pre>
 *
 * @since 1.5
 */
public final class PathRedaction {

    /** What a token segment becomes. */
    public static final String REPLACEMENT = "[token]";

    private static final int TOKEN_LENGTH = 40;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{" + TOKEN_LENGTH + ",}");

    private PathRedaction() {
    }

    /** {@code path} with every segment that holds a token replaced; null stays null. */
    public static String path(String path) {
        if (path == null || !hasLongSegment(path)) {
            return path; // no segment is long enough to hold a token, even percent-decoded (every request's access-log line)
        }
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (TOKEN.matcher(segment).find() || segment.indexOf('%') >= 0 && TOKEN.matcher(decoded(segment)).find()) {
                segments[i] = REPLACEMENT;
            }
        }
        return String.join("/", segments);
    }

    /** Whether a segment has {@code TOKEN}'s minimum length; decoding only shortens a segment. */
    private static boolean hasLongSegment(String path) {
        int length = 0;
        for (int i = 0; i < path.length(); i++) {
            length = path.charAt(i) == '/' ? 0 : length + 1;
            if (length >= TOKEN_LENGTH) {
                return true;
            }
        }
        return false;
    }

    /** Percent-decoded byte by byte (a character per byte is enough to see a token); a stray {@code %} stays. */
    private static String decoded(String segment) {
        StringBuilder out = new StringBuilder(segment.length());
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '%' && i + 2 < segment.length() && hex(segment.charAt(i + 1)) >= 0 && hex(segment.charAt(i + 2)) >= 0) {
                out.append((char) (hex(segment.charAt(i + 1)) * 16 + hex(segment.charAt(i + 2))));
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
