package org.porchlight.api.mail;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A plain-text message to one address.
 *
 * @param to one address, e.g. {@code owner@example.org}
 * @param subject one line, at most 200 characters
 * @param text the body, at most 100,000 characters
 */
public record MailMessage(String to, String subject, String text) {

    /** A plausible address, and no line breaks that could smuggle headers in. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s@<>()\",;:]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

    public MailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        if (!ADDRESS.matcher(to).matches()) {
            throw new IllegalArgumentException("not an e-mail address");
        }
        if (subject.length() > 200 || subject.indexOf('\r') >= 0 || subject.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("the subject must be one line of at most 200 characters");
        }
        if (text.length() > 100_000) {
            throw new IllegalArgumentException("the text is longer than 100,000 characters");
        }
    }
}
