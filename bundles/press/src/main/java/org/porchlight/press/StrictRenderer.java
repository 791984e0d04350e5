package org.porchlight.press;

import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import org.porchlight.api.problem.ProblemException;

import freemarker.cache.StringTemplateLoader;
import freemarker.core.Environment;
import freemarker.core.InvalidReferenceException;
import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.SimpleHash;
import freemarker.template.SimpleObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateScalarModel;
import freemarker.template.TemplateModelException;
import freemarker.template.Version;

/**
 * Renders templates with FreeMarker, strictly, shut in and bounded: a placeholder that is missing
 * or used as the wrong type is an error that names it (never a blank); a template reaches nothing
 * but the values it is given (no {@code ?new}, no {@code ?api}, no template loading, a model of
 * strings, numbers and dates); and parsing and rendering take bounded memory and time, whoever
 * wrote the template. Thread-safe.
 *
 * <p>The bounds, in order: the text FreeMarker parses is within {@link SourceLimits} (size, tags,
 * operators), checked before it parses; the parsed template is judged node by node
 * ({@link TemplatePolicy}), so nothing repeats and only formatting built-ins run; the placeholder
 * values it reads, each use counted, may add up to at most {@link RenderingLimits#maxChars()}
 * (that bounds what any expression can build before a character is written); the output stops at
 * the same size; and the deadline is checked at every element and every write. Each is a 422
 * naming the limit. Parsing and judging ({@link #prepare}) is done once per template version: the
 * caller keeps the {@link Prepared} result ({@link ParsedTemplates}).
 *
 * <p>The HTML rendering is the plain-text rendering escaped as a whole, in paragraphs. FreeMarker's
 * own HTML output format escapes values but not the template's text, and a template can turn it
 * off; escaping the finished text leaves no way for an author, vendors included, to put markup or
 * scripts into what the agency publishes.
 */
public final class StrictRenderer {

    private static final Version VERSION = Configuration.VERSION_2_3_35;
    private static final int MAX_DETAIL = 300;
    /** What a number or date placeholder counts towards the values a part reads: more than either renders to. */
    private static final int OTHER_VALUE_CHARS = 64;
    /** Room the output starts with; a longer one grows as it is written. */
    private static final int EXPECTED_CHARS = 4096;
    /**
     * One configuration for every renderer of the bundle: set up here and only read afterwards,
     * which FreeMarker makes thread-safe. Renderers change with the rendering limits; templates one
     * of them parsed are kept and rendered by the next.
     */
    private static final Configuration CONFIGURATION = configuration();

    /**
     * A template part parsed and judged allowed, ready to render any number of times, from any
     * thread (FreeMarker's parsed templates are not changed by rendering).
     *
     * @param part     what it is, for error messages ({@code title}, {@code body})
     * @param template FreeMarker's parsed tree
     * @param uses     how many times each placeholder is read ({@link TemplatePolicy.Verdict#uses()})
     */
    public record Prepared(String part, Template template, Map<String, Integer> uses) {
    }

    private final RenderingLimits limits;
    private final LongSupplier nanoTime;
    private final LongAdder parses = new LongAdder();

    public StrictRenderer(RenderingLimits limits) {
        this(limits, System::nanoTime);
    }

    StrictRenderer(RenderingLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    private static Configuration configuration() {
        Configuration c = new Configuration(VERSION);
        c.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        c.setAutoEscapingPolicy(Configuration.ENABLE_IF_DEFAULT_AUTO_ESCAPING_POLICY);
        c.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        c.setAPIBuiltinEnabled(false);
        c.setObjectWrapper(new SimpleObjectWrapper(VERSION));
        c.setTemplateLoader(new StringTemplateLoader()); // empty: #include and #import find nothing
        c.setLocalizedLookup(false);
        c.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        c.setAttemptExceptionReporter((e, env) -> { });
        c.setLogTemplateExceptions(false); // an author's mistake is the author's 422, not a server log line
        c.setWrapUncheckedExceptions(true);
        c.setFallbackOnNullLoopVariable(false);
        c.setTimeZone(TimeZone.getTimeZone("UTC")); // dates are calendar dates, kept at UTC midnight
        c.setDateFormat("long");
        c.setTagSyntax(Configuration.ANGLE_BRACKET_TAG_SYNTAX); // [#...] is text (the #ftl header is refused apart)
        c.setInterpolationSyntax(Configuration.DOLLAR_INTERPOLATION_SYNTAX); // ${...} only: no #{...}, no [=...]
        return c;
    }

    /**
     * Renders one piece of a template (its title or body) as plain text: {@link #prepare} and
     * {@link #render(Prepared, Map, Locale)}.
     *
     * @param part  what it is, for error messages ({@code title}, {@code body})
     * @param model placeholder values, already typed
     * @throws PlaceholderException naming the placeholder or place that fails
     * @throws ProblemException     {@link PressProblems#NOT_ALLOWED} naming what the template may not use, or
     *                              {@link PressProblems#LIMIT} naming the limit the template or rendering would pass
     */
    public String render(String part, String source, Map<String, TemplateModel> model, Locale locale) {
        return render(prepare(part, source), model, locale);
    }

    /**
     * Parses and judges one piece of a template: its text within {@link SourceLimits}, checked
     * before FreeMarker parses it, then every node of the parsed tree allowed by {@link TemplatePolicy}.
     *
     * @throws PlaceholderException a syntax error, naming line and column
     * @throws ProblemException     {@link PressProblems#NOT_ALLOWED} naming what the template may not use, or
     *                              {@link PressProblems#LIMIT} naming the limit its text passes
     */
    public Prepared prepare(String part, String source) {
        SourceLimits.check(part, source);
        Template template = parse(part, source);
        TemplatePolicy.Verdict verdict = TemplatePolicy.judge(template);
        if (!verdict.allowed()) {
            throw new ProblemException(PressProblems.NOT_ALLOWED,
                    "The " + part + " cannot be rendered: " + verdict.refusal() + ".");
        }
        return new Prepared(part, template, verdict.uses());
    }

    /**
     * Renders a prepared piece with these values, within the rendering limits.
     *
     * @param model placeholder values, already typed
     * @throws PlaceholderException naming the placeholder or place that fails
     * @throws ProblemException     {@link PressProblems#LIMIT} naming the limit the rendering would pass
     */
    public String render(Prepared prepared, Map<String, TemplateModel> model, Locale locale) {
        String part = prepared.part();
        long read = valuesRead(prepared.uses(), model);
        if (read > limits.maxChars()) {
            throw new ProblemException(PressProblems.LIMIT, "The " + part + " reads placeholder values of " + read
                    + " characters in all (each use counted); a rendering may use at most " + limits.maxChars() + ".");
        }
        RenderingClock clock = new RenderingClock(nanoTime, limits.timeout().toMillis());
        BoundedWriter out = new BoundedWriter(limits.maxChars(part), EXPECTED_CHARS, clock);
        try {
            Environment environment = prepared.template().createProcessingEnvironment(new SimpleHash(model,
                    CONFIGURATION.getObjectWrapper()), out);
            environment.setLocale(locale);
            environment.setTemplateProcessingTracer(clock);
            environment.process();
        } catch (BoundedWriter.LimitReached | RenderingClock.TimeUp e) {
            throw new ProblemException(PressProblems.LIMIT, "The " + part + " " + e.getMessage() + ".");
        } catch (InvalidReferenceException e) {
            throw new PlaceholderException("The " + part + " uses the placeholder '" + e.getBlamedExpressionString()
                    + "', which is not declared or has no value (line " + e.getLineNumber() + ").");
        } catch (TemplateException e) {
            if (e.getCause() instanceof RenderingClock.TimeUp timeUp) {
                throw new ProblemException(PressProblems.LIMIT, "The " + part + " " + timeUp.getMessage() + ".");
            }
            String blamed = e.getBlamedExpressionString();
            throw new PlaceholderException("The " + part + " cannot be rendered at line " + e.getLineNumber()
                    + (blamed == null ? "" : " (placeholder or expression '" + blamed + "')") + ": "
                    + cut(firstLine(e.getMessageWithoutStackTop())));
        } catch (IOException e) {
            throw new IllegalStateException(e); // the writer fails only as above
        }
        return out.toString();
    }

    /** How many times this renderer has run FreeMarker's parser: what keeping {@link Prepared} parts saves. */
    long parses() {
        return parses.sum();
    }

    /** The template parsed, refusing nesting the parser cannot follow and any tag syntax but angle brackets. */
    private Template parse(String part, String source) {
        Template template;
        parses.increment();
        try {
            template = new Template(part, new StringReader(source), CONFIGURATION);
        } catch (ParseException e) {
            throw new PlaceholderException("The " + part + " cannot be read at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + cut(e.getEditorMessage()));
        } catch (StackOverflowError e) {
            // FreeMarker's parser recurses once per nesting level; the stack unwound, nothing was shared
            throw new ProblemException(PressProblems.NOT_ALLOWED, "The " + part + " cannot be rendered: it nests more than "
                    + TemplatePolicy.MAX_DEPTH + " deep.");
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        }
        if (template.getActualTagSyntax() != Configuration.ANGLE_BRACKET_TAG_SYNTAX) {
            throw new ProblemException(PressProblems.NOT_ALLOWED,
                    "The " + part + " cannot be rendered: only <#...> tags are allowed.");
        }
        return template;
    }


    /** Characters of placeholder values the template reads, each use counted. */
    private static long valuesRead(Map<String, Integer> uses, Map<String, TemplateModel> model) {
        long total = 0;
        for (Map.Entry<String, Integer> use : uses.entrySet()) {
            TemplateModel value = model.get(use.getKey());
            total += (long) use.getValue() * length(value);
        }
        return total;
    }

    private static int length(TemplateModel value) {
        if (value == null) {
            return 0; // undeclared: the rendering stops at its first use, naming it
        }
        if (value instanceof TemplateScalarModel scalar) {
            try {
                return scalar.getAsString().length();
            } catch (TemplateModelException e) {
                return OTHER_VALUE_CHARS;
            }
        }
        return OTHER_VALUE_CHARS;
    }

    /** Plain text as HTML: escaped, paragraphs at empty lines, line breaks within them. */
    public static String html(String text) {
        StringBuilder out = new StringBuilder(text.length() + text.length() / 8 + 16);
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            if (!paragraph.isBlank()) {
                out.append("<p>").append(escape(paragraph.strip()).replace("\n", "<br>\n")).append("</p>\n");
            }
        }
        return out.toString();
    }

    /** Text escaped for HTML content and attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip();
        int end = line.indexOf('\n');
        return end < 0 ? line : line.substring(0, end);
    }

    private static String cut(String s) {
        return s == null ? "" : s.length() <= MAX_DETAIL ? s : s.substring(0, MAX_DETAIL) + "...";
    }

    static Locale locale(String tag) {
        return Locale.forLanguageTag(tag);
    }
}
