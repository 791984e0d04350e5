package org.porchlight.press;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import freemarker.core.TemplateElement;
import freemarker.core.TemplateObject;
import freemarker.template.Template;

/**
 * What a template may use, judged on FreeMarker's own parsed tree, so that whatever syntax wrote
 * it (string literals that interpolate, {@code [#...]} tags, a {@code #ftl} header) the same
 * nodes are judged wherever they appear: text, comments, {@code ${...}},
 * {@code #if}/{@code #elseif}/{@code #else}, literals, placeholders, comparisons, logic and
 * arithmetic, defaults ({@code !}, {@code ??}) and a short list of formatting built-ins. No loops,
 * assignments, macros, functions, ranges, sequences, hashes or built-ins that pad, repeat,
 * iterate, re-parse or reach outside. Everything else is refused by its name: deny by default.
 *
 * <p>With that, no construct repeats: every node is evaluated at most once, so time is
 * proportional to the template, and what any expression can build is bounded by the template's
 * own text plus the placeholder values it reads, each use counted ({@link Verdict#uses()}).
 */
final class TemplatePolicy {

    /** Built-ins that format one value into a string of comparable size, or test it. */
    static final Set<String> BUILT_INS = Set.of("string", "c", "upper_case", "lower_case", "upperCase", "lowerCase", "cap_first",
            "capFirst", "uncap_first", "uncapFirst", "capitalize", "trim", "round", "floor", "ceiling", "abs", "has_content",
            "hasContent", "length", "then", "date", "is_string", "isString", "is_number", "isNumber", "is_date", "isDate");
    /** Deepest nesting of expressions and {@code #if} blocks: evaluation recurses once per level. */
    static final int MAX_DEPTH = 64;
    private static final String CORE = "freemarker.core.";
    private static final Set<String> ELEMENTS = Set.of("MixedContent", "TextBlock", "Comment", "DollarVariable", "IfBlock",
            "ConditionalBlock");
    private static final Set<String> EXPRESSIONS = Set.of("Identifier", "StringLiteral", "NumberLiteral", "BooleanLiteral",
            "ParentheticalExpression", "ComparisonExpression", "AndExpression", "OrExpression", "NotExpression",
                    "AddConcatExpression",
            "ArithmeticExpression", "UnaryPlusMinusExpression", "DefaultToExpression", "ExistsExpression");
    private static final String CALL = "MethodCall";
    private static final String IDENTIFIER = "Identifier";
    private static final Pattern RANGE = Pattern.compile("\\.\\.[<!*]?");
    private static final int MAX_SHOWN = 60;

    /**
     * The judgement of one template.
     *
     * @param refusal why it may not be rendered, naming the construct and its place, or {@code null}
     * @param uses    how many times each placeholder name is read, wherever (both branches of a condition count)
     */
    record Verdict(String refusal, Map<String, Integer> uses) {

        boolean allowed() {
            return refusal == null;
        }
    }

    private TemplatePolicy() {
    }

    /** Judges a parsed template, every node of it. */
    static Verdict judge(Template template) {
        if (!TemplateTree.available()) {
            return new Verdict("this FreeMarker version does not let Porchlight check templates", Map.of());
        }
        Map<String, Integer> uses = new LinkedHashMap<>();
        @SuppressWarnings("deprecation") // the parsed tree's root; public, the only way in from outside freemarker.core
        TemplateElement root = template.getRootTreeNode();
        String refusal = root == null ? null : walk(root, 0, uses);
        return new Verdict(refusal, Map.copyOf(uses));
    }

    private static String walk(TemplateObject node, int depth, Map<String, Integer> uses) {
        if (depth > MAX_DEPTH) {
            return "it nests expressions or #if blocks more than " + MAX_DEPTH + " deep" + at(node);
        }
        String refusal = refusal(node);
        if (refusal != null) {
            return refusal;
        }
        String kind = kind(node);
        if (IDENTIFIER.equals(kind)) {
            uses.merge(TemplateTree.symbol(node), 1, Integer::sum);
        }
        for (Object parameter : TemplateTree.parameters(node)) {
            if (parameter instanceof TemplateObject nested) {
                String nestedRefusal = walk(nested, depth + 1, uses);
                if (nestedRefusal != null) {
                    return nestedRefusal;
                }
            }
        }
        if (node instanceof TemplateElement element) {
            for (TemplateElement child : TemplateTree.children(element)) {
                String childRefusal = walk(child, depth + 1, uses);
                if (childRefusal != null) {
                    return childRefusal;
                }
            }
        }
        return null;
    }

    /** Why this one node is not allowed, or {@code null}: its parameters and children are judged on their own. */
    private static String refusal(TemplateObject node) {
        String kind = kind(node);
        if (ELEMENTS.contains(kind) || EXPRESSIONS.contains(kind)) {
            return null;
        }
        String symbol = TemplateTree.symbol(node);
        if (builtIn(node, symbol)) {
            String name = symbol.substring(1).replace("(...)", "");
            return BUILT_INS.contains(name) ? null
                    : "the built-in ?" + name + at(node) + " is not allowed; allowed are " + new TreeSet<>(BUILT_INS);
        }
        if (CALL.equals(kind)) {
            Object target = TemplateTree.parameters(node).get(0);
            return target instanceof TemplateObject t && builtIn(t, TemplateTree.symbol(t)) ? null
                    : "calling '" + shown(node) + "'" + at(node) + " is not allowed; only built-ins take arguments";
        }
        if (node instanceof TemplateElement) {
            return "the directive " + ("@".equals(symbol) ? shown(node) : symbol) + at(node)
                    + " is not allowed; templates use ${...} and #if/#elseif/#else";
        }
        if (RANGE.matcher(symbol).matches()) {
            return "ranges (..)" + at(node) + " are not allowed";
        }
        return "the expression '" + shown(node) + "' (" + symbol + ")" + at(node) + " is not allowed";
    }

    /** FreeMarker's own class for the node, for FreeMarker's nodes only; anything else is nobody we know. */
    private static String kind(TemplateObject node) {
        String name = node.getClass().getName();
        return name.startsWith(CORE) ? name.substring(CORE.length()) : name;
    }

    private static boolean builtIn(TemplateObject node, String symbol) {
        return node.getClass().getName().startsWith(CORE) && symbol.startsWith("?") && symbol.length() > 1
                && !"??".equals(symbol);
    }

    private static String at(TemplateObject node) {
        return " (line " + node.getBeginLine() + ", column " + node.getBeginColumn() + ")";
    }

    private static String shown(TemplateObject node) {
        String s = node.getCanonicalForm();
        return s.length() <= MAX_SHOWN ? s : s.substring(0, MAX_SHOWN) + "...";
    }
}
