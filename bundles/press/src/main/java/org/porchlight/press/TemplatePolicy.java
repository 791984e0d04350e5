package org.porchlight.press;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a template may use, checked before FreeMarker parses it, so that rendering costs time and
 * memory in proportion to the template and its values, whoever wrote it: interpolations
 * ({@code ${...}}), {@code #if}/{@code #elseif}/{@code #else}, comments, and a short list of
 * formatting built-ins. No loops, macros, ranges, {@code ?interpret}/{@code ?eval} or built-ins
 * that iterate, pad or re-parse.
 */
final class TemplatePolicy {

    private static final Set<String> DIRECTIVES = Set.of("if", "elseif", "else");
    static final Set<String> BUILT_INS = Set.of("string", "c", "upper_case", "lower_case", "upperCase", "lowerCase", "cap_first",
            "capFirst", "uncap_first", "uncapFirst", "capitalize", "trim", "round", "floor", "ceiling", "abs", "has_content",
            "hasContent", "length", "then", "date", "number", "is_string", "is_number", "is_date");
    private static final Pattern COMMENT = Pattern.compile("(?s)<#--.*?-->");
    private static final Pattern DIRECTIVE = Pattern.compile("</?([#@])\\s*([A-Za-z_][A-Za-z0-9_.]*)?");
    private static final Pattern CODE_START = Pattern.compile("\\$\\{|<#(?:if|elseif)\\b");
    private static final Pattern BUILT_IN = Pattern.compile("\\?\\s*([A-Za-z_][A-Za-z0-9_]*)");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /**
     * Most names one template part may use in its expressions. Each use of a value can add at most
     * that value's length to the output, so this bounds what concatenation ({@code a + a + a ...})
     * can build: 1,000 uses of 5,000-character values is 5 million characters at worst.
     */
    static final int MAX_NAMES = 1000;

    private TemplatePolicy() {
    }

    /** Why the template is refused, naming what it uses, or {@code null} if it may be rendered. */
    static String refusal(String source) {
        String ftl = COMMENT.matcher(source).replaceAll("");
        Matcher d = DIRECTIVE.matcher(ftl);
        while (d.find()) {
            String name = d.group(2) == null ? "" : d.group(2);
            if (d.group(1).equals("@") || !DIRECTIVES.contains(name)) {
                return "the directive " + d.group(1) + name + " is not allowed; templates use ${...} and #if/#elseif/#else";
            }
        }
        Matcher start = CODE_START.matcher(ftl);
        int from = 0;
        int names = 0;
        while (start.find(from)) {
            int end = codeEnd(ftl, start.end(), start.group().startsWith("$") ? '}' : '>');
            String code = code(ftl.substring(start.end(), end));
            if (code.contains("..")) {
                return "ranges (..) are not allowed";
            }
            Matcher n = NAME.matcher(code);
            while (n.find()) {
                if (++names > MAX_NAMES) {
                    return "its expressions use more than " + MAX_NAMES + " names";
                }
            }
            Matcher b = BUILT_IN.matcher(code);
            while (b.find()) {
                if (!BUILT_INS.contains(b.group(1))) {
                    return "the built-in ?" + b.group(1) + " is not allowed; allowed are " + new java.util.TreeSet<>(BUILT_INS);
                }
            }
            from = Math.max(end, start.end());
        }
        return null;
    }

    /** Where the expression that starts at {@code i} ends: the closing character at depth 0, outside strings. */
    private static int codeEnd(String s, int i, char close) {
        int depth = 0;
        char quote = 0;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if ((c == ')' || c == '}' || c == ']') && depth > 0) {
                depth--;
            } else if (c == close && depth == 0) {
                return i;
            }
        }
        return s.length();
    }

    /** The expression without the contents of its string literals (a "?" or ".." in a string is text). */
    private static String code(String expression) {
        StringBuilder out = new StringBuilder(expression.length());
        char quote = 0;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                    out.append(c);
                }
            } else {
                if (c == '"' || c == '\'') {
                    quote = c;
                }
                out.append(c);
            }
        }
        return out.toString();
    }
}
