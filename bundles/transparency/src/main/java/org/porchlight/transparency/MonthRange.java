package org.porchlight.transparency;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/** The months a page covers, both ends included, oldest first. */
public record MonthRange(YearMonth from, YearMonth to) {

    public MonthRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from after to");
        }
    }

    /**
     * The range a caller asked for: {@code to} defaults to the current month, {@code from} to
     * {@code defaultMonths} months ending with {@code to}.
     *
     * @param from    {@code YYYY-MM} or {@code null}
     * @param to      {@code YYYY-MM} or {@code null}
     * @param current the current month in the agency's time zone
     * @throws ProblemException 400 naming the parameter at fault
     */
    public static MonthRange of(String from, String to, YearMonth current, int defaultMonths, int maxMonths) {
        YearMonth last = to == null ? current : parse("to", to);
        YearMonth first = from == null ? last.minusMonths(Math.max(1, defaultMonths) - 1L) : parse("from", from);
        if (first.isAfter(last)) {
            throw invalid("from", "must not be after to (" + last + ")");
        }
        long months = ChronoUnit.MONTHS.between(first, last) + 1;
        if (months > maxMonths) {
            throw invalid("from", "a page covers at most " + maxMonths + " months; this asks for " + months);
        }
        return new MonthRange(first, last);
    }

    public List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(month);
        }
        return months;
    }

    boolean contains(YearMonth month) {
        return !month.isBefore(from) && !month.isAfter(to);
    }

    private static YearMonth parse(String parameter, String value) {
        if (!value.matches("\\d{4}-\\d{2}")) {
            throw invalid(parameter, "must be a month as YYYY-MM");
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw invalid(parameter, "must be a month as YYYY-MM");
        }
    }

    private static ProblemException invalid(String parameter, String message) {
        return new ProblemException(Problem.of(ProblemType.VALIDATION, parameter + " " + message)
                .withErrors(List.of(new Problem.FieldError(parameter, message))));
    }
}
