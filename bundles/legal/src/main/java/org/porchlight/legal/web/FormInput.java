package org.porchlight.legal.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A posted form read field by field, the way the REST resources' Bean Validation reads a body:
 * each field that breaks a rule gets a message (a text key of this bundle, with its arguments)
 * and the typed value is {@code null}; {@link #values()} keeps what was typed, to fill the form again.
 */
final class FormInput {

    /** A message for a field: a text key with its arguments. */
    record Message(String key, Object... arguments) {
    }

    private final Function<String, String> fields;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, Message> errors = new LinkedHashMap<>();

    /** @param fields the posted value of a field, or {@code null} */
    FormInput(Function<String, String> fields) {
        this.fields = fields;
    }

    /** The field's text, stripped; {@code null} when blank (and an error when {@code required}). Longer than {@code max}: an error. */
    String text(String field, boolean required, int max) {
        String value = raw(field);
        String text = value == null ? null : value.strip();
        if (text == null || text.isEmpty()) {
            if (required) {
                fail(field, "legal.form.required");
            }
            return null;
        }
        if (text.length() > max) {
            fail(field, "legal.form.tooLong", max);
            return null;
        }
        return text;
    }

    /** As {@link #text}, and it must match {@code pattern} (a case number). */
    String matching(String field, boolean required, String pattern) {
        String text = text(field, required, 64);
        if (text != null && !text.matches(pattern)) {
            fail(field, "legal.form.caseNumber");
            return null;
        }
        return text;
    }

    /** A constant of {@code type}; required. */
    <E extends Enum<E>> E choice(String field, Class<E> type) {
        String value = text(field, true, 64);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            fail(field, "legal.form.choice");
            return null;
        }
    }

    /** A date as {@code <input type="date">} sends it ({@code YYYY-MM-DD}); {@code null} when blank and not required. */
    LocalDate date(String field, boolean required) {
        String value = text(field, required, 10);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            fail(field, "legal.form.date");
            return null;
        }
    }

    /**
     * A time as {@code <input type="datetime-local">} sends it ({@code YYYY-MM-DDTHH:MM}), read in the
     * agency's time zone; {@code null} when blank and not required.
     */
    Instant instant(String field, boolean required, ZoneId zone) {
        String value = text(field, required, 32);
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            fail(field, "legal.form.dateTime");
            return null;
        }
    }

    /** Marks a field as wrong (the first message of a field wins). */
    void fail(String field, String key, Object... arguments) {
        errors.putIfAbsent(field, new Message(key, arguments));
    }

    boolean valid() {
        return errors.isEmpty();
    }

    Map<String, Message> errors() {
        return errors;
    }

    /** What was typed, by field, to show the form again. */
    Map<String, String> values() {
        return values;
    }

    private String raw(String field) {
        String value = fields.apply(field);
        values.put(field, value == null ? "" : value);
        return value;
    }
}
