package org.porchlight.press;

import java.io.IOException;
import java.io.StringReader;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.porchlight.api.problem.ProblemException;

import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;

/**
 * What parsing one template part costs, for the worst bodies of 20,000 characters (the largest a
 * part may be) of each class that makes FreeMarker's parser super-linear: {@code withinLimits} is
 * the most such a body can hold within {@link SourceLimits}, parsed and judged as the workflow
 * does once per version ({@code prepare}); {@code unlimited} is the same class filling all 20,000
 * characters, parsed by FreeMarker alone, as any body was before the limits (now refused unparsed).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ParseBenchmark {

    private static final int SIZE = SourceLimits.MAX_CHARS;
    private static final String PROSE = "Residents met the police at City Hall on Tuesday and asked about cameras, "
            + "requests and what is kept for how long; ${agency} answered each question in turn and said more meetings follow"
            + " <#if count gt 1>this year</#if>. ";

    /** The class of body: a realistic release, or one of the parser's super-linear mechanisms. */
    @Param({"prose", "tagsOnOneLine", "operatorChain", "defaultChain", "stringLiterals", "worstMix"})
    public String body;

    private final StrictRenderer renderer = new StrictRenderer(RenderingLimits.defaults());
    private final Configuration freemarker = new Configuration(Configuration.VERSION_2_3_35);
    private String withinLimits;
    private String unlimited;

    @Setup
    public void setUp() {
        freemarker.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        switch (body) {
            case "prose" -> {
                withinLimits = fill(PROSE.repeat(SIZE / PROSE.length()));
                unlimited = withinLimits;
            }
            case "tagsOnOneLine" -> {
                withinLimits = fill("${a} ".repeat(SourceLimits.MAX_TAGS));
                unlimited = "${a} ".repeat(SIZE / 5);
            }
            case "operatorChain" -> {
                withinLimits = fill("${" + "a+".repeat(SourceLimits.MAX_OPERATORS) + "a}");
                unlimited = "${" + "a+".repeat(SIZE / 2 - 2) + "a}";
            }
            case "defaultChain" -> {
                withinLimits = fill("${" + "a!'x'+".repeat(SourceLimits.MAX_EXCLAMATIONS) + "a}");
                unlimited = "${" + "a!'x'+".repeat(SIZE / 6 - 1) + "a}";
            }
            case "stringLiterals" -> {
                withinLimits = fill("${\"${a}\"}".repeat(SourceLimits.MAX_TAGS / 2));
                unlimited = "${\"${a}\"}".repeat(SIZE / 9);
            }
            case "worstMix" -> {
                withinLimits = fill("${a} ".repeat(SourceLimits.MAX_TAGS - 2) + "\n${"
                        + "a!'x'+".repeat(SourceLimits.MAX_EXCLAMATIONS) + "a}\n${"
                        + "a+".repeat(SourceLimits.MAX_OPERATORS - 2 * SourceLimits.MAX_EXCLAMATIONS) + "a}");
                unlimited = "${a} ".repeat(SIZE / 10) + "${" + "a!'x'+".repeat(SIZE / 24) + "a}${" + "a+".repeat(SIZE / 8) + "a}";
            }
            default -> throw new IllegalArgumentException(body);
        }
        SourceLimits.check("body", withinLimits);
    }

    /** Pads to the largest part with words, on the last line: more text for every scan of that line. */
    private static String fill(String s) {
        return s + " word".repeat((SIZE - s.length()) / 5);
    }

    @Benchmark
    public Object withinLimits() {
        try {
            return renderer.prepare("body", withinLimits);
        } catch (ProblemException e) {
            return e; // most of these are refused by the policy after parsing; the parse is the cost
        }
    }

    @Benchmark
    public Object unlimited() throws IOException {
        try {
            return new Template("body", new StringReader(unlimited), freemarker);
        } catch (ParseException | StackOverflowError e) {
            return e;
        }
    }
}
