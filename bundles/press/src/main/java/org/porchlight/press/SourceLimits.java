package org.porchlight.press;

import java.util.Locale;
import java.util.regex.Pattern;

import org.porchlight.api.problem.ProblemException;

/**
 * What FreeMarker's parser may be given, checked on a template part's text before it parses: its
 * size, its tags and interpolations, its operator characters and its {@code !}, and no {@code #ftl}
 * header. Parsing is where a template can cost the server before any rendering limit applies, and
 * FreeMarker's parser is super-linear in three places, each bounded here at its mechanism (figures
 * in docs/benchmarks.md, "Press: what parsing costs"):
 * <ul>
 * <li>every text block looks at every other element on its line (FreeMarker's whitespace and
 *     {@code #t}/{@code #lt}/{@code #rt} handling), so elements on one line cost their square:
 *     {@link #MAX_TAGS};</li>
 * <li>each operator of a chain ({@code a+a+...}, {@code a.b.c...}, {@code a&&a...}) re-walks the
 *     chain before it, so a chain costs its square: {@link #MAX_OPERATORS};</li>
 * <li>the default operator {@code !} makes the parser look ahead over the rest of the expression,
 *     and a chain of them costs more than its square: {@link #MAX_EXCLAMATIONS}.</li>
 * </ul>
 * The counts are over the whole text, whatever FreeMarker would make of it (text, string literals,
 * comments): no second lexer that could read a template differently from FreeMarker's, and so no
 * way to hide operators from the count. Prose uses few of these characters.
 */
public final class SourceLimits {

    /** Most characters of a template part: a release renders to at most 20,000 ({@code pressReleaseMaxChars}). */
    public static final int MAX_CHARS = 20_000;
    /** Most tags and interpolations ({@code ${}, {@code <#}, {@code </#}, {@code <@}, {@code </@}) in a part. */
    static final int MAX_TAGS = 500;
    /** Most operator characters ({@link #OPERATORS}) in a part, expressions and prose alike. */
    static final int MAX_OPERATORS = 2_000;
    /** Most {@code !} in a part (they count as operators too). */
    static final int MAX_EXCLAMATIONS = 128;
    /** Every character that can join two operands, or start a call, index or nested expression. */
    static final String OPERATORS = "+-*/%!?.&|=<>([\\";

    /**
     * The {@code #ftl} header, the only place FreeMarker lets a template change its own tag syntax
     * ({@code [#ftl]} switches to square brackets whatever the configuration says) and parser
     * settings. Only whitespace may precede it.
     */
    private static final Pattern FTL_HEADER = Pattern.compile("\\A[ \\t\\r\\n]*[<\\[]#ftl(?![A-Za-z0-9_])",
            Pattern.CASE_INSENSITIVE);

    private SourceLimits() {
    }

    /**
     * Refuses a part FreeMarker should not parse; one pass over the text, nothing allocated.
     *
     * @throws ProblemException {@link PressProblems#LIMIT} naming the limit passed, or
     *                          {@link PressProblems#NOT_ALLOWED} for a {@code #ftl} header
     */
    static void check(String part, String source) {
        if (source.length() > MAX_CHARS) {
            throw limit(part, source.length() + " characters", MAX_CHARS);
        }
        if (FTL_HEADER.matcher(source).find()) {
            throw new ProblemException(PressProblems.NOT_ALLOWED,
                    "The " + part + " cannot be rendered: the #ftl header is not allowed.");
        }
        int tags = 0;
        int operators = 0;
        int exclamations = 0;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (OPERATORS.indexOf(c) >= 0) {
                operators++;
            }
            if (c == '!') {
                exclamations++;
            } else if ((c == '$' && at(source, i + 1) == '{') || (c == '<' && opensTag(source, i + 1))) {
                tags++;
            }
        }
        if (tags > MAX_TAGS) {
            throw limit(part, tags + " tags and interpolations (${, <#, </#, <@, </@)", MAX_TAGS);
        }
        if (exclamations > MAX_EXCLAMATIONS) {
            throw limit(part, exclamations + " '!'", MAX_EXCLAMATIONS);
        }
        if (operators > MAX_OPERATORS) {
            throw limit(part, operators + " operator characters (" + String.join(" ", OPERATORS.split("")) + ")",
                    MAX_OPERATORS);
        }
    }

    /** {@code #}, {@code @}, {@code /#} or {@code /@} after a {@code <}. */
    private static boolean opensTag(String source, int i) {
        char c = at(source, i);
        return c == '#' || c == '@' || c == '/' && (at(source, i + 1) == '#' || at(source, i + 1) == '@');
    }

    private static char at(String source, int i) {
        return i < source.length() ? source.charAt(i) : 0;
    }

    private static ProblemException limit(String part, String found, int most) {
        return new ProblemException(PressProblems.LIMIT, String.format(Locale.ROOT,
                "The %s has %s; a template part may have at most %,d, so that parsing it stays cheap.", part, found, most));
    }
}
