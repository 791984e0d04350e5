import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

import freemarker.core.PlainTextOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.Template;

/**
 * How FreeMarker's parse time grows with the size of a template body, per construct: single
 * parses (best of two, after a warm-up) of bodies of 10,000 to 80,000 characters, with no
 * Porchlight limit in front. Run from the repository root (docs/benchmarks.md, "Press: what
 * parsing costs"):
 * java -cp $M2/org/freemarker/freemarker/2.3.35/freemarker-2.3.35.jar docs/bench/ParseGrowth.java
 */
public class ParseGrowth {

    public static void main(String[] args) throws Exception {
        Configuration c = new Configuration(Configuration.VERSION_2_3_35);
        c.setOutputFormat(PlainTextOutputFormat.INSTANCE);
        Map<String, IntFunction<String>> bodies = new LinkedHashMap<>();
        bodies.put("prose, one line", n -> fill("Lorem ipsum dolor sit. ", n));
        bodies.put("${a} on one line", n -> fill("${a} ", n));
        bodies.put("${a} in lines of 80", n -> lines("${a} ", n));
        bodies.put("${a}${a} (no text between)", n -> fill("${a}", n));
        bodies.put("<#if a>x</#if> on one line", n -> fill("<#if a>x</#if>", n));
        bodies.put("${a+a+a+...}", n -> "${" + fill("a+", n - 4) + "a}");
        bodies.put("${a.b.b.b...}", n -> "${a" + fill(".b", n - 3) + "}");
        bodies.put("${(a&&a&&...)?c}", n -> "${(" + fill("a&&", n - 8) + "a)?c}");
        bodies.put("${a!'x'+a!'x'+...}", n -> "${" + fill("a!'x'+", n - 4) + "a}");
        bodies.put("${!!!...true}", n -> "${" + fill("!", n - 7) + "true}");
        bodies.put("${\"${a}\"} (string literals)", n -> fill("${\"${a}\"}", n));
        for (IntFunction<String> body : bodies.values()) {
            for (int i = 0; i < 3; i++) {
                parse(c, body.apply(2000));
            }
        }
        System.out.printf("%-30s %10s %10s %10s %10s%n", "body", "10,000", "20,000", "40,000", "80,000");
        for (Map.Entry<String, IntFunction<String>> body : bodies.entrySet()) {
            StringBuilder line = new StringBuilder(String.format("%-30s", body.getKey()));
            for (int n : new int[] {10_000, 20_000, 40_000, 80_000}) {
                String source = body.getValue().apply(n);
                long best = Math.min(parse(c, source), parse(c, source));
                line.append(String.format(" %7.0f ms", best / 1e6));
            }
            System.out.println(line);
        }
    }

    private static long parse(Configuration c, String source) {
        long start = System.nanoTime();
        try {
            new Template("body", new StringReader(source), c);
        } catch (Exception | StackOverflowError e) {
            // a refusal is as good as a parse here: the time is what counts
        }
        return System.nanoTime() - start;
    }

    private static String fill(String unit, int n) {
        return unit.repeat(Math.max(1, n / unit.length()));
    }

    private static String lines(String unit, int n) {
        StringBuilder b = new StringBuilder();
        int column = 0;
        while (b.length() + unit.length() < n) {
            b.append(unit);
            column += unit.length();
            if (column >= 80) {
                b.append('\n');
                column = 0;
            }
        }
        return b.toString();
    }
}
