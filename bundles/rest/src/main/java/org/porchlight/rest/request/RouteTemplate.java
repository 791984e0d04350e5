package org.porchlight.rest.request;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * The route a request matched, as the resources declare it ({@code /agencies/{agency}/requests/{id}}),
 * never the path it came with: the name of the route in the audit trail and the route label of the
 * request metrics, where an id, a code or an address must never appear and the number of values
 * must stay bounded.
 */
public final class RouteTemplate {

    /** The label of a request that matched no resource (a 404, a probe). */
    public static final String UNMATCHED = "unmatched";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final int MAX_LENGTH = 200;

    private RouteTemplate() {
    }

    /** The matched route, e.g. {@code /agencies/{agency}/staff}, or {@code /} for the root. */
    public static String of(ExtendedUriInfo uri) {
        List<String> parts = new ArrayList<>();
        for (UriTemplate template : uri.getMatchedTemplates()) {
            parts.add(template.getTemplate());
        }
        return join(parts);
    }

    /** The label for the request metrics: the matched route, or {@value #UNMATCHED}. */
    public static String label(ExtendedUriInfo uri) {
        return uri.getMatchedResourceMethod() == null ? UNMATCHED : label(of(uri));
    }

    /** A route as a label: parameters without their regular expressions, at most 200 characters. */
    static String label(String route) {
        String plain = route.indexOf(':') < 0 ? route : withoutExpressions(route); // most routes have no expression
        return plain.length() <= MAX_LENGTH ? plain : plain.substring(0, MAX_LENGTH);
    }

    /** {@code {id: [0-9a-f]{8}}} becomes {@code {id}}: braces inside an expression nest. */
    private static String withoutExpressions(String route) {
        StringBuilder out = new StringBuilder(route.length());
        int depth = 0;
        boolean skipping = false;
        for (int i = 0; i < route.length(); i++) {
            char c = route.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    skipping = false;
                }
            } else if (c == ':' && depth == 1) {
                skipping = true;
            }
            if (!skipping || (c == '}' && depth == 0)) {
                out.append(c);
            }
        }
        return out.toString().replaceAll("\\{\\s*([^}\\s]+)\\s*}", "{$1}");
    }

    /** A method as a label: the standard ones, {@code OTHER} for anything else a client may send. */
    public static String method(String method) {
        return METHODS.contains(method) ? method : "OTHER";
    }

    /** Jersey's matched templates, innermost first, joined from the outermost. */
    static String join(List<String> innermostFirst) {
        StringBuilder path = new StringBuilder();
        for (int i = innermostFirst.size() - 1; i >= 0; i--) {
            String part = innermostFirst.get(i);
            if (!part.isEmpty() && !part.equals("/")) {
                path.append(part.startsWith("/") ? "" : "/").append(part.endsWith("/") ? part.substring(0, part.length() - 1) : part);
            }
        }
        return path.length() == 0 ? "/" : path.toString();
    }
}
