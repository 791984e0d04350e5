package org.porchlight.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The e-mail address and password of an {@code Authorization: Basic} header (RFC 7617, in UTF-8,
 * which browsers send when the challenge asks for it).
 */
record BasicCredentials(String email, String password) {

    /** As the token endpoint accepts them. */
    private static final int MAX_EMAIL = 320;
    private static final int MAX_PASSWORD = 1024;

    /** The credentials in {@code token68}, the part after {@code Basic }; empty if it holds none. */
    static Optional<BasicCredentials> parse(String token68) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(token68.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon <= 0 || colon > MAX_EMAIL || text.length() - colon - 1 > MAX_PASSWORD || colon == text.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(text.substring(0, colon), text.substring(colon + 1)));
    }

    /** Never the password, should this ever reach a log line. */
    @Override
    public String toString() {
        return "BasicCredentials[password hidden]";
    }
}
