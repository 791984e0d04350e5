package org.porchlight.rest.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.porchlight.api.security.Roles;
import org.porchlight.rest.security.AccessControl;
import org.porchlight.rest.security.AccessRule;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Writes each operation's access rule into the OpenAPI document, as the extension
 * {@code x-porchlight-access}: {@code {"access": "ROLES", "roles": [...], "apiKeys": false,
 * "personalData": false, "tenant": true}}. Clients see who may call what, and the
 * authorization test walks every route from it.
 */
final class AccessDocumentation {

    static final String EXTENSION = "x-porchlight-access";
    private static final String SCHEME = "bearer";

    private AccessDocumentation() {
    }

    static void annotate(OpenAPI document, List<Resource> roots) {
        if (document.getPaths() == null) {
            return;
        }
        document.components(document.getComponents() == null ? new Components() : document.getComponents());
        document.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An access token from POST /api/auth/token, or a vendor's API key"));
        for (Resource root : roots) {
            walk(document, root, "");
        }
    }

    private static void walk(OpenAPI document, Resource resource, String parent) {
        String path = join(parent, resource.getPath());
        PathItem item = document.getPaths().get(path);
        for (ResourceMethod method : resource.getResourceMethods()) {
            Operation operation = item == null ? null : operation(item, method.getHttpMethod());
            if (operation != null) {
                AccessRule rule = AccessControl.ruleOf(method.getInvocable().getHandlingMethod());
                Map<String, Object> access = new LinkedHashMap<>();
                access.put("access", rule.access().name());
                access.put("roles", rule.roles().stream().sorted().toList());
                access.put("apiKeys", rule.apiKeys());
                access.put("personalData", rule.personalData());
                access.put("tenant", path.contains("{" + Roles.AGENCY_PARAM + "}"));
                operation.addExtension(EXTENSION, access);
                if (rule.access() != AccessRule.Access.PUBLIC) {
                    operation.addSecurityItem(new SecurityRequirement().addList(SCHEME));
                }
            }
        }
        for (Resource child : resource.getChildResources()) {
            walk(document, child, path);
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
