package org.porchlight.rest.openapi;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.glassfish.jersey.server.model.Resource;

import io.swagger.v3.oas.models.OpenAPI;

/**
 * Gives each operation a tag naming its resource (generators make one client class of each) and
 * an id that stays the same whatever else is installed: the resource's noun and the method, e.g.
 * {@code AgencyResource.create} is {@code agencyCreate}. Swagger's own
 * ids are the bare method names with a counter ({@code create_3}) that shifts as bundles come
 * and go, which renames methods in every generated client.
 */
final class OperationNames {

    private OperationNames() {
    }

    static void annotate(OpenAPI document, List<Resource> roots) {
        Set<String> taken = new HashSet<>();
        DocumentedOperations.forEach(document, roots, documented -> {
            Class<?> resource = documented.method().getInvocable().getHandler().getHandlerClass();
            String method = documented.method().getInvocable().getDefinitionMethod().getName();
            String name = name(resource.getSimpleName(), method);
            String unique = name;
            for (int i = 2; !taken.add(unique); i++) {
                unique = name + i; // two resource classes of one name: the linter's unique-id rule reports it
            }
            documented.operation().setOperationId(unique);
            if (documented.operation().getTags() == null || documented.operation().getTags().isEmpty()) {
                documented.operation().addTagsItem(noun(resource.getSimpleName())); // one client class per resource
            }
        });
    }

    /** {@code AgencyRequestResource.draft} is {@code agencyRequestDraft}; {@code HealthResource.health} is {@code health}. */
    static String name(String resourceClass, String method) {
        String noun = noun(resourceClass);
        if (noun.isEmpty() || noun.equalsIgnoreCase(method)) {
            return method;
        }
        return noun.substring(0, 1).toLowerCase(Locale.ROOT) + noun.substring(1) + method.substring(0, 1).toUpperCase(Locale.ROOT)
                + method.substring(1);
    }

    /** {@code AgencyRequestResource} -> {@code AgencyRequest}. */
    static String noun(String resourceClass) {
        return resourceClass.endsWith("Resource") ? resourceClass.substring(0, resourceClass.length() - "Resource".length())
                : resourceClass;
    }
}
