package org.porchlight.api.requests;

import java.util.Objects;

/**
 * A rule a draft breaks.
 *
 * @param rule    the rule's stable name, e.g. {@code max-area}
 * @param field   the draft's field at fault, e.g. {@code area}, or {@code null}
 * @param message what is wrong, for the officer: names the limit, never personal data
 */
public record PolicyViolation(String rule, String field, String message) {

    public PolicyViolation {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
