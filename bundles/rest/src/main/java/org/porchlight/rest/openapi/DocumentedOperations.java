package org.porchlight.rest.openapi;

import java.util.List;
import java.util.Locale;

import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;

/**
 * The operations of an OpenAPI document paired with the Jersey resource methods they describe,
 * so that post-processing can read what the code declares (access rules, streamed bodies).
 */
final class DocumentedOperations {

    /** One operation of the document and the method that serves it. */
    record Documented(String path, String httpMethod, ResourceMethod method, Operation operation) {
    }

    /** Receives each documented operation. */
    interface Visitor {
        void visit(Documented documented);
    }

    private DocumentedOperations() {
    }

    static void forEach(OpenAPI document, List<Resource> roots, Visitor visitor) {
        if (document.getPaths() == null) {
            return;
        }
        for (Resource root : roots) {
            walk(document, root, "", visitor);
        }
    }

    private static void walk(OpenAPI document, Resource resource, String parent, Visitor visitor) {
        String path = join(parent, resource.getPath());
        PathItem item = document.getPaths().get(path);
        for (ResourceMethod method : resource.getResourceMethods()) {
            Operation operation = item == null ? null : operation(item, method.getHttpMethod());
            if (operation != null) {
                visitor.visit(new Documented(path, method.getHttpMethod().toUpperCase(Locale.ROOT), method, operation));
            }
        }
        for (Resource child : resource.getChildResources()) {
            walk(document, child, path, visitor);
        }
    }

    private static Operation operation(PathItem item, String httpMethod) {
        return switch (httpMethod.toUpperCase(Locale.ROOT)) {
            case "GET" -> item.getGet();
            case "POST" -> item.getPost();
            case "PUT" -> item.getPut();
            case "PATCH" -> item.getPatch();
            case "DELETE" -> item.getDelete();
            case "HEAD" -> item.getHead();
            case "OPTIONS" -> item.getOptions();
            default -> null;
        };
    }

    /** Joins paths the way swagger writes them: one leading slash, none trailing, no regexes. */
    static String join(String parent, String path) {
        String joined = (parent + "/" + (path == null ? "" : path)).replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}")
                .replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined.isEmpty() ? "/" : joined;
    }
}
