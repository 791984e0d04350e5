package org.porchlight.rest.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.glassfish.jersey.server.model.Resource;
import org.porchlight.api.security.Roles;
import org.porchlight.rest.security.AccessControl;
import org.porchlight.rest.security.AccessRule;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Writes each operation's access rule into the OpenAPI document, as the extension
 * {@code x-porchlight-access}: {@code {"access": "ROLES", "roles": [...], "apiKeys": false,
 * "personalData": false, "tenant": true}}. Clients see who may call what, and the
 * authorization test walks every route from it. Operations open to anyone say so with an
 * empty {@code security} list; the others ask for the bearer scheme.
 */
final class AccessDocumentation {

    static final String EXTENSION = "x-porchlight-access";
    static final String SCHEME = "bearer";

    private AccessDocumentation() {
    }

    static void annotate(OpenAPI document, List<Resource> roots) {
        document.components(document.getComponents() == null ? new Components() : document.getComponents());
        document.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("An access token from POST /api/auth/token, or a vendor's API key"));
        DocumentedOperations.forEach(document, roots, documented -> {
            AccessRule rule = AccessControl.ruleOf(documented.method().getInvocable().getHandlingMethod());
            Map<String, Object> access = new LinkedHashMap<>();
            access.put("access", rule.access().name());
            access.put("roles", rule.roles().stream().sorted().toList());
            access.put("apiKeys", rule.apiKeys());
            access.put("personalData", rule.personalData());
            access.put("tenant", documented.path().contains("{" + Roles.AGENCY_PARAM + "}"));
            documented.operation().addExtension(EXTENSION, access);
            documented.operation().setSecurity(rule.access() == AccessRule.Access.PUBLIC ? new ArrayList<>()
                    : new ArrayList<>(List.of(new SecurityRequirement().addList(SCHEME))));
        });
    }

    /** Whether the operation asks for credentials (as {@link #annotate} wrote it). */
    static boolean secured(Operation operation) {
        return operation.getSecurity() != null && !operation.getSecurity().isEmpty();
    }
}
