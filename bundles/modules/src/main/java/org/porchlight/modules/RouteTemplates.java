package org.porchlight.modules;

import java.util.Collection;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/** Jakarta REST path templates as one regular expression per module, to tell which requests go to it. */
final class RouteTemplates {

    private RouteTemplates() {
    }

    /**
     * @param templates full paths such as {@code /agencies/{agency}/requests/{id: [0-9]+}}; a
     *                  trailing {@code /**} marks a sub-resource locator (anything below it)
     */
    static Pattern compile(Collection<String> templates) {
        StringJoiner alternatives = new StringJoiner("|", "(?:", ")");
        for (String template : templates) {
            alternatives.add(regex(template));
        }
        return Pattern.compile(alternatives.toString());
    }

    static String normalise(String base, String path) {
        String joined = ("/" + (base == null ? "" : base) + "/" + (path == null ? "" : path)).replaceAll("/{2,}", "/");
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }

    static String regex(String template) {
        boolean below = template.endsWith("/**");
        String path = below ? template.substring(0, template.length() - 3) : template;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < path.length()) {
            char c = path.charAt(i);
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            int depth = 1;
            int j = i + 1;
            while (j < path.length() && depth > 0) {
                depth += path.charAt(j) == '{' ? 1 : path.charAt(j) == '}' ? -1 : 0;
                j++;
            }
            String variable = path.substring(i + 1, Math.max(i + 1, j - 1));
            int colon = variable.indexOf(':');
            regex.append(colon < 0 ? "[^/]+" : "(?:" + variable.substring(colon + 1).trim() + ")");
            i = j;
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return regex + (below ? "(?:/.*)?" : "/?");
    }
}
