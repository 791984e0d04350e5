package org.porchlight.press;

import java.io.IOException;
import java.io.StringReader;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

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
 * strings, numbers and dates); and a rendering takes bounded memory and time, whoever wrote the
 * template. Thread-safe.
 *
 * <p>The bounds, in order: the parsed template is judged node by node ({@link TemplatePolicy}),
 * so nothing repeats and only formatting built-ins run; the placeholder values it reads, each use
 * counted, may add up to at most {@link RenderingLimits#maxChars()} (that bounds what any
 * expression can build before a character is written); the output stops at the same size; and
 * the deadline is checked at every element and every write. Each is a 422 naming the limit.
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
    /**
     * The {@code #ftl} header, the only place FreeMarker lets a template change its own tag syntax
     * ({@code [#ftl]} switches to square brackets whatever the configuration says) and parser
     * settings. Only whitespace may precede it.
     */
    private static final Pattern FTL_HEADER = Pattern.compile("\\A[ \\t\\r\\n]*[<\\[]#ftl(?![A-Za-z0-9_])",
            Pattern.CASE_INSENSITIVE);

    /**
     * A run of {@code !} longer than the policy's nesting depth. FreeMarker's parser takes time
     * quadratic in such a run (48,000 of them: 20 s), so it is refused before parsing; as
     * operators, that many would be refused for their depth anyway.
     */
    private static final Pattern EXCLAMATIONS = Pattern.compile("(?:![ \\t\\r\\n]*){" + (TemplatePolicy.MAX_DEPTH + 1) + "}");

    private final Configuration configuration = configuration();
    private final RenderingLimits limits;
    private final LongSupplier nanoTime;

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
     * Renders one piece of a template (its title or body) as plain text.
     *
     * @param part  what it is, for error messages ({@code title}, {@code body})
     * @param model placeholder values, already typed
     * @throws PlaceholderException naming the placeholder or place that fails
     * @throws ProblemException     {@link PressProblems#NOT_ALLOWED} naming what the template may not use, or
     *                              {@link PressProblems#LIMIT} naming the limit the rendering would pass
     */
    public String render(String part, String source, Map<String, TemplateModel> model, Locale locale) {
        Template template = parse(part, source);
        TemplatePolicy.Verdict verdict = TemplatePolicy.judge(template);
        if (!verdict.allowed()) {
            throw new ProblemException(PressProblems.NOT_ALLOWED,
                    "The " + part + " cannot be rendered: " + verdict.refusal() + ".");
        }
        int limit = limits.maxChars(part);
        long read = valuesRead(verdict.uses(), model);
        if (read > limits.maxChars()) {
            throw new ProblemException(PressProblems.LIMIT, "The " + part + " reads placeholder values of " + read
                    + " characters in all (each use counted); a rendering may use at most " + limits.maxChars() + ".");
        }
        RenderingClock clock = new RenderingClock(nanoTime, limits.timeout().toMillis());
        BoundedWriter out = new BoundedWriter(limit, source.length() + 256, clock);
        try {
            Environment environment = template.createProcessingEnvironment(new SimpleHash(model,
                    configuration.getObjectWrapper()), out);
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

    /** The template parsed, refusing a {@code #ftl} header and nesting the parser cannot follow. */
    private Template parse(String part, String source) {
        if (FTL_HEADER.matcher(source).find()) {
            throw new ProblemException(PressProblems.NOT_ALLOWED,
                    "The " + part + " cannot be rendered: the #ftl header is not allowed.");
        }
        if (EXCLAMATIONS.matcher(source).find()) {
            throw new ProblemException(PressProblems.NOT_ALLOWED,
                    "The " + part + " cannot be rendered: it has a run of more than "
                    + TemplatePolicy.MAX_DEPTH + " '!'.");
        }
        Template template;
        try {
            template = new Template(part, new StringReader(source), configuration);
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
