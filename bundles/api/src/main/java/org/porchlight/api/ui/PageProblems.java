package org.porchlight.api.ui;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;

/**
 * A workflow's problem (RFC 9457) as a page shows it: a refusal the user can act on goes on the page,
 * next to the form, in the user's language where the page has a text of its own for it, else in the
 * workflow's words.
 *
 * @since 1.2
 */
public final class PageProblems {

    private PageProblems() {
    }

    /**
     * The problem's name, the last part of its type: {@code insufficient-balance} for
     * {@code urn:porchlight:problem:insufficient-balance}; what follows the last {@code :} of any other type.
     */
    public static String name(Problem problem) {
        String type = problem.type() == null ? "" : problem.type().toString();
        return type.substring(type.lastIndexOf(':') + 1);
    }

    /** Whether the problem has the given {@link #name}. */
    public static boolean is(ProblemException e, String name) {
        return name(e.problem()).equals(name);
    }

    /** The problem in the workflow's words: its detail, or its title when it has none. */
    public static String text(Problem problem) {
        return problem.detail() == null || problem.detail().isEmpty() ? problem.title() : problem.detail();
    }

    /**
     * What the workflow said is wrong: the fields a validation problem names with their messages
     * ({@code name must not be blank; units must be at most 1000}), else {@link #text}.
     */
    public static String words(Problem problem) {
        if (problem.errors().isEmpty()) {
            return text(problem);
        }
        return problem.errors().stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
    }

    /** The fields a validation problem names, each with its first message, in order; none for another problem. */
    public static Map<String, String> fieldMessages(Problem problem) {
        Map<String, String> messages = new LinkedHashMap<>();
        for (Problem.FieldError error : problem.errors()) {
            messages.putIfAbsent(error.field(), error.message());
        }
        return messages;
    }

    /**
     * The page's own text for the problem, the text {@code keyPrefix + name} of its bundle in the
     * request's language ({@code acme.problem.insufficient-balance}), if the page has one.
     */
    public static Optional<String> ownText(PageRequest request, String keyPrefix, Problem problem) {
        String key = keyPrefix + name(problem);
        String text = request.text(key);
        return text.equals(key) ? Optional.empty() : Optional.of(text);
    }

    /** {@link #ownText} if the page has one, else the workflow's {@link #text}. */
    public static String text(PageRequest request, String keyPrefix, Problem problem) {
        return ownText(request, keyPrefix, problem).orElseGet(() -> text(problem));
    }
}
