package org.porchlight.incentives.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PagePaths;

/**
 * One posted form of an incentives page: its fields read and checked as the REST resources' records are, with the
 * message keys of what is wrong by field, so the page can show the form again next to its fields.
 */
final class FormInput {

    private final PageRequest request;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    private final Map<String, String> details = new LinkedHashMap<>();

    FormInput(PageRequest request) {
        this.request = request;
    }

    /** The field stripped, empty if absent. */
    String text(String field) {
        String value = request.parameter(field).map(String::strip).orElse("");
        values.put(field, value);
        return value;
    }

    /** A required text of at most {@code max} characters; {@code null} (and an error) otherwise. */
    String required(String field, int max) {
        String value = text(field);
        if (value.isEmpty()) {
            return fail(field, "incentives.form.required");
        }
        if (value.length() > max) {
            return fail(field, "incentives.form.tooLong");
        }
        return value;
    }

    /** An optional text of at most {@code max} characters: {@code null} when empty. */
    String optional(String field, int max) {
        String value = text(field);
        if (value.length() > max) {
            return fail(field, "incentives.form.tooLong");
        }
        return value.isEmpty() ? null : value;
    }

    /** A whole number within {@code [min, max]}; {@code null} when empty and not {@code required}. */
    Integer number(String field, int min, int max, boolean required) {
        String value = text(field);
        if (value.isEmpty()) {
            return required ? fail(field, "incentives.form.required") : null;
        }
        try {
            int n = Integer.parseInt(value.startsWith("+") ? value.substring(1) : value);
            return n < min || n > max ? fail(field, "incentives.form.range") : n;
        } catch (NumberFormatException e) {
            return fail(field, "incentives.form.number");
        }
    }

    /** A day ({@code yyyy-MM-dd}, as a date input sends it). */
    LocalDate day(String field) {
        String value = text(field);
        if (value.isEmpty()) {
            return fail(field, "incentives.form.required");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            return fail(field, "incentives.form.day");
        }
    }

    /** An optional id ({@code null} when empty). */
    UUID id(String field) {
        String value = text(field);
        if (value.isEmpty()) {
            return null;
        }
        return FormInput.uuid(value).orElseGet(() -> fail(field, "incentives.form.invalid"));
    }

    /** The non-empty lines of a text area, stripped; at most {@code max} of them. */
    List<String> lines(String field, int max) {
        String value = text(field);
        List<String> lines = new ArrayList<>();
        for (String line : value.split("\\R")) {
            if (!line.isBlank()) {
                lines.add(line.strip());
            }
        }
        if (lines.size() > max) {
            fail(field, "incentives.form.tooMany");
        }
        return lines;
    }

    /** The lines that do not match {@code pattern}, marking the field wrong if any do. */
    List<String> unmatched(String field, List<String> lines, Pattern pattern) {
        List<String> wrong = lines.stream().filter(l -> !pattern.matcher(l).matches()).toList();
        if (!wrong.isEmpty()) {
            fail(field, "incentives.form.pattern");
        }
        return wrong;
    }

    <T> T fail(String field, String key) {
        errors.putIfAbsent(field, key);
        return null;
    }

    /** Problems of the workflows that are the user's to fix, each with its own text in the page's messages. */
    static final Set<String> KNOWN_PROBLEMS = Set.of("insufficient-balance", "raffle-closed", "too-many-entrants", "not-found",
            "unknown-referral-code", "referral-code-not-yet-valid", "referral-code-expired", "referral-code-used-up",
            "already-attributed", "referral-grace-period-over");

    /**
     * Takes a workflow's problem as the user's mistake on {@code field}: a known one by its own text, a validation
     * problem (or any other) with the workflow's words.
     */
    void problem(String field, ProblemException e) {
        Problem problem = e.problem();
        String name = problemName(problem);
        if (KNOWN_PROBLEMS.contains(name)) {
            errors.put(field, "incentives.problem." + name);
            return;
        }
        errors.put(field, "incentives.form.problem");
        details.put(field, problem.errors().isEmpty() ? problem.detail()
                : String.join("; ", problem.errors().stream().map(f -> f.field() + " " + f.message()).toList()));
    }

    boolean ok() {
        return errors.isEmpty();
    }

    /** The fields as typed, for the form shown again. */
    Map<String, Object> values() {
        return new LinkedHashMap<>(values);
    }

    /** Message keys by field. */
    Map<String, Object> errors() {
        return new LinkedHashMap<>(errors);
    }

    /** The workflow's own words by field, where a problem gave them. */
    Map<String, Object> details() {
        return new LinkedHashMap<>(details);
    }

    /** The last part of a problem's type ({@code urn:porchlight:problem:insufficient-balance}: {@code insufficient-balance}). */
    static String problemName(Problem problem) {
        String type = problem.type() == null ? "" : problem.type().toString();
        return type.substring(type.lastIndexOf(':') + 1);
    }

    static Optional<UUID> uuid(String value) {
        return PagePaths.uuid(value);
    }

    /** The start of {@code day} in {@code zone}. */
    static Instant startOf(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** The end of {@code day} in {@code zone}: the start of the next. */
    static Instant endOf(LocalDate day, ZoneId zone) {
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }
}
