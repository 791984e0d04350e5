package org.porchlight.press;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import freemarker.cache.StringTemplateLoader;
import freemarker.core.Environment;
import freemarker.core.InvalidReferenceException;
import freemarker.core.OutputFormat;
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
import freemarker.template.Version;

/**
 * Renders templates with FreeMarker, strictly and shut in: a placeholder that is missing or used
 * as the wrong type is an error that names it (never a blank), and a template reaches nothing but
 * the values it is given: no {@code ?new}, no {@code ?api}, no template loading ({@code #include}
 * finds nothing), and the model holds only strings, numbers and dates. Thread-safe.
 *
 * <p>The HTML rendering is the plain-text rendering escaped as a whole, in paragraphs. FreeMarker's
 * own HTML output format escapes values but not the template's text, and a template can turn it
 * off ({@code ?no_esc}, {@code <#noautoesc>}, {@code <#outputformat>}, even built at run time
 * through {@code ?interpret}); escaping the finished text leaves no way for an author, vendors
 * included, to put markup or scripts into what the agency publishes.
 */
public final class StrictRenderer {

    private static final Version VERSION = Configuration.VERSION_2_3_35;
    private static final int MAX_DETAIL = 300;

    private final Configuration text = configuration(PlainTextOutputFormat.INSTANCE);

    private static Configuration configuration(OutputFormat format) {
        Configuration c = new Configuration(VERSION);
        c.setOutputFormat(format);
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
        c.setTagSyntax(Configuration.ANGLE_BRACKET_TAG_SYNTAX); // [#...] is text, so the policy sees every directive
        c.setInterpolationSyntax(Configuration.DOLLAR_INTERPOLATION_SYNTAX); // ${...} only: no #{...}, no [=...]
        return c;
    }

    /**
     * Renders one piece of a template (its title or body) as plain text.
     *
     * @param part  what it is, for error messages ({@code title}, {@code body})
     * @param model placeholder values, already typed
     * @throws PlaceholderException naming the placeholder or place that fails
     */
    public String render(String part, String source, Map<String, TemplateModel> model, Locale locale) {
        Configuration configuration = text;
        String refused = TemplatePolicy.refusal(source);
        if (refused != null) {
            throw new PlaceholderException("The " + part + " cannot be rendered: " + refused + ".");
        }
        Template template;
        try {
            template = new Template(part, new StringReader(source), configuration);
        } catch (ParseException e) {
            throw new PlaceholderException("The " + part + " cannot be read at line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + ": " + cut(e.getEditorMessage()));
        } catch (IOException e) {
            throw new IllegalStateException(e); // a StringReader does not fail
        }
        StringWriter out = new StringWriter(source.length() + 256);
        try {
            Environment environment = template.createProcessingEnvironment(new SimpleHash(model, configuration.getObjectWrapper()), out);
            environment.setLocale(locale);
            environment.process();
        } catch (InvalidReferenceException e) {
            throw new PlaceholderException("The " + part + " uses the placeholder '" + e.getBlamedExpressionString()
                    + "', which is not declared or has no value (line " + e.getLineNumber() + ").");
        } catch (TemplateException e) {
            String blamed = e.getBlamedExpressionString();
            throw new PlaceholderException("The " + part + " cannot be rendered at line " + e.getLineNumber()
                    + (blamed == null ? "" : " (placeholder or expression '" + blamed + "')") + ": " + cut(firstLine(e.getMessageWithoutStackTop())));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
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
