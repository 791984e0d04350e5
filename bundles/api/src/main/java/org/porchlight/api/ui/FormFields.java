package org.porchlight.api.ui;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;

/**
 * A posted form read field by field, the way the REST resources' Bean Validation reads a body: each
 * field that breaks a rule gets an {@link FieldError error} (a text key of the page's bundle, with its
 * arguments) and its typed value is {@code null}, so that a page can show the form again with what
 * was typed ({@link #values()}) and, next to each field, what is wrong with it ({@link #messages()}).
 *
 * <p>Texts are stripped of surrounding white space; a blank field is a missing one. The errors' keys
 * are the {@code keyPrefix} the page chose followed by one of the reasons below, so each bundle has
 * its own texts for them ({@code acme.form.required=Fill this in.}):
 * {@value #REQUIRED}, {@value #TOO_LONG} ({@code {0}} the most characters), {@value #NUMBER},
 * {@value #RANGE} ({@code {0}} and {@code {1}} the least and the most), {@value #DATE},
 * {@value #DATE_TIME}, {@value #CHOICE}, {@value #TOO_MANY} ({@code {0}} the most lines); a workflow's
 * refusal ({@link #refused}) is {@code problem} or {@code problem.<name>}. A page's own rules add errors
 * with {@link #fail}. The first error of a field is the one kept.
 *
 * <pre>{@code
 * FormFields form = new FormFields(request, "acme.form.");
 * String name = form.text("name", true, 200);
 * Integer count = form.number("count", false, 1, 1000);
 * Instant from = form.dateTime("from", true, agencies.zone(caller.agency()));
 * if (!form.valid()) {
 *     return PageView.of("acme-form", Map.of("values", form.values(), "errors", form.messages())).withStatus(400);
 * }
 * }</pre>
 *
 * @since 1.2
 */
public final class FormFields {

    /** A required field is blank. */
    public static final String REQUIRED = "required";
    /** A text is longer than its limit, {@code {0}}. */
    public static final String TOO_LONG = "tooLong";
    /** Not a whole number. */
    public static final String NUMBER = "number";
    /** A whole number outside {@code [{0}, {1}]}. */
    public static final String RANGE = "range";
    /** Not a date as {@code <input type="date">} sends it ({@code YYYY-MM-DD}). */
    public static final String DATE = "date";
    /** Not a date and time as {@code <input type="datetime-local">} sends it ({@code YYYY-MM-DDTHH:MM}). */
    public static final String DATE_TIME = "dateTime";
    /** Not one of the options (a constant of an enum, an id). */
    public static final String CHOICE = "choice";
    /** More lines than {@code {0}}. */
    public static final String TOO_MANY = "tooMany";

    /** The longest value a date or date-time field is read from; anything longer is not one. */
    private static final int DATE_MAX = 32;

    /**
     * What is wrong with a field: a text key of the page's bundle and its arguments, as
     * {@link PageRequest#text} takes them.
     *
     * @param key       the text's key
     * @param arguments the values of its {@code {0}}, {@code {1}}, ...
     */
    public record FieldError(String key, List<Object> arguments) {

        public FieldError {
            Objects.requireNonNull(key, "key");
            arguments = arguments == null ? List.of() : List.copyOf(arguments);
        }
    }

    private final PageRequest request;
    private final String keyPrefix;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, FieldError> errors = new LinkedHashMap<>();

    /**
     * @param request   the posted form (or the query of a GET)
     * @param keyPrefix what the errors' keys start with, e.g. {@code acme.form.}
     */
    public FormFields(PageRequest request, String keyPrefix) {
        this.request = Objects.requireNonNull(request, "request");
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
    }

    /** The field's text, stripped; empty text when it is absent. What was typed is kept for {@link #values()}. */
    public String value(String field) {
        String value = request.parameter(field).map(String::strip).orElse("");
        values.put(field, value);
        return value;
    }

    /**
     * The field's text, stripped; {@code null} when blank (an error {@value #REQUIRED} when
     * {@code required}) or longer than {@code max} characters (an error {@value #TOO_LONG}).
     */
    public String text(String field, boolean required, int max) {
        String value = value(field);
        if (value.isEmpty()) {
            return required ? fail(field, keyPrefix + REQUIRED) : null;
        }
        if (value.length() > max) {
            return fail(field, keyPrefix + TOO_LONG, max);
        }
        return value;
    }

    /**
     * A whole number (a leading {@code +} allowed) within {@code [min, max]}; {@code null} when blank
     * and not {@code required}. Errors: {@value #REQUIRED}, {@value #NUMBER}, {@value #RANGE}.
     */
    public Integer number(String field, boolean required, int min, int max) {
        String value = value(field);
        if (value.isEmpty()) {
            return required ? fail(field, keyPrefix + REQUIRED) : null;
        }
        int number;
        try {
            number = Integer.parseInt(value.startsWith("+") ? value.substring(1) : value);
        } catch (NumberFormatException e) {
            return fail(field, keyPrefix + NUMBER);
        }
        return number < min || number > max ? fail(field, keyPrefix + RANGE, min, max) : number;
    }

    /**
     * A date as {@code <input type="date">} sends it ({@code YYYY-MM-DD}); {@code null} when blank and
     * not {@code required}. Errors: {@value #REQUIRED}, {@value #DATE}.
     */
    public LocalDate date(String field, boolean required) {
        String value = value(field);
        if (value.isEmpty()) {
            return required ? fail(field, keyPrefix + REQUIRED) : null;
        }
        if (value.length() > DATE_MAX) {
            return fail(field, keyPrefix + DATE);
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            return fail(field, keyPrefix + DATE);
        }
    }

    /**
     * A time as {@code <input type="datetime-local">} sends it ({@code YYYY-MM-DDTHH:MM}, seconds
     * allowed), read in {@code zone}, the agency's ({@link #instant}); {@code null} when blank and not
     * {@code required}. Errors: {@value #REQUIRED}, {@value #DATE_TIME}.
     */
    public Instant dateTime(String field, boolean required, ZoneId zone) {
        String value = value(field);
        if (value.isEmpty()) {
            return required ? fail(field, keyPrefix + REQUIRED) : null;
        }
        if (value.length() > DATE_MAX) {
            return fail(field, keyPrefix + DATE_TIME);
        }
        try {
            return instant(value, zone);
        } catch (DateTimeException e) {
            return fail(field, keyPrefix + DATE_TIME);
        }
    }

    /**
     * A constant of {@code type} by its name; {@code null} when blank and not {@code required}.
     * Errors: {@value #REQUIRED}, {@value #CHOICE}.
     */
    public <E extends Enum<E>> E choice(String field, boolean required, Class<E> type) {
        String value = value(field);
        if (value.isEmpty()) {
            return required ? fail(field, keyPrefix + REQUIRED) : null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            return fail(field, keyPrefix + CHOICE);
        }
    }

    /**
     * An id in its one spelling ({@link PagePaths#uuid}), as a select of things sends it; {@code null}
     * when blank and not {@code required}. Errors: {@value #REQUIRED}, {@value #CHOICE}.
     */
    public UUID id(String field, boolean required) {
        String value = value(field);
        if (value.isEmpty()) {
            return required ? fail(field, keyPrefix + REQUIRED) : null;
        }
        return PagePaths.uuid(value).orElseGet(() -> fail(field, keyPrefix + CHOICE));
    }

    /** Whether a checkbox was ticked: the browser sends the field only then (its value does not matter). */
    public boolean checkbox(String field) {
        boolean ticked = request.parameter(field).isPresent();
        values.put(field, ticked ? "on" : "");
        return ticked;
    }

    /**
     * The non-blank lines of a text area, stripped; an error {@value #TOO_MANY} when there are more than
     * {@code max} (the lines are returned all the same, to name the wrong ones).
     */
    public List<String> lines(String field, int max) {
        List<String> lines = new ArrayList<>();
        for (String line : value(field).split("\\R")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        if (lines.size() > max) {
            fail(field, keyPrefix + TOO_MANY, max);
        }
        return lines;
    }

    /**
     * Marks a field as wrong, for a page's own rules (the first error of a field is kept).
     *
     * @param key       a text key of the page's bundle, whole (not under the key prefix)
     * @param arguments its arguments
     * @return {@code null}, to return in place of the field's value
     */
    public <T> T fail(String field, String key, Object... arguments) {
        errors.putIfAbsent(field, new FieldError(key, List.of(arguments)));
        return null;
    }

    /**
     * Marks a field as wrong with a workflow's refusal ({@link PageProblems}): the page's own text for the
     * problem's name under {@code keyPrefix + "problem."} ({@code acme.form.problem.insufficient-balance})
     * where it has one, else the text {@code keyPrefix + "problem"} with {@code {0}} the workflow's
     * {@link PageProblems#words words} ({@code acme.form.problem=This was not accepted: {0}}).
     */
    public void refused(String field, ProblemException e) {
        Problem problem = e.problem();
        String own = keyPrefix + "problem." + PageProblems.name(problem);
        if (PageProblems.ownText(request, keyPrefix + "problem.", problem).isPresent()) {
            fail(field, own);
        } else {
            fail(field, keyPrefix + "problem", PageProblems.words(problem));
        }
    }

    /** Whether no field is wrong. */
    public boolean valid() {
        return errors.isEmpty();
    }

    /** What was typed, by field, in the order read, to fill the form again. */
    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    /** What is wrong, by field, in the order read. */
    public Map<String, FieldError> errors() {
        return Collections.unmodifiableMap(errors);
    }

    /** What is wrong, by field, as texts in the request's language ({@link PageRequest#text}), for the template. */
    public Map<String, String> messages() {
        Map<String, String> messages = new LinkedHashMap<>();
        errors.forEach((field, error) -> messages.put(field, request.text(error.key(), error.arguments().toArray())));
        return messages;
    }

    /**
     * A whole number as a query parameter or link names it (a page, an offset, a version), white space
     * around it allowed; empty when {@code text} is {@code null} or not one, for the page to fall back to
     * its default.
     */
    public static Optional<Integer> integer(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(text.strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A date and time as {@code <input type="datetime-local">} sends it, in {@code zone}: the instant an
     * officer in that zone means by it.
     *
     * @throws DateTimeException if {@code value} is not one
     */
    public static Instant instant(String value, ZoneId zone) {
        return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
    }

    /** An instant as a {@code datetime-local} value in {@code zone}, to the minute; empty text for none. */
    public static String local(Instant instant, ZoneId zone) {
        return instant == null ? "" : LocalDateTime.ofInstant(instant, zone).truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /** The instant {@code day} starts in {@code zone}. */
    public static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The instant {@code day} ends in {@code zone}: the next day's start, so that the day is included. */
    public static Instant endOf(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
