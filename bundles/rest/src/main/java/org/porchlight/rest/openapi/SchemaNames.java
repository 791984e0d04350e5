package org.porchlight.rest.openapi;

import io.swagger.v3.core.jackson.TypeNameResolver;

/**
 * Names the schemas of nested types after the type they sit in, e.g. {@code TemplateResource.Rejection}
 * is {@code TemplateRejection} and {@code AgencyRequestResource.Rejection} is {@code AgencyRequestRejection}.
 * Swagger names a schema by the bare class name, so two bundles' {@code Rejection} bodies would
 * share one schema, the one read last. Top-level types keep their names, as does a nested one
 * whose name already starts with its outer type's noun ({@code AuditResource.AuditPage}).
 */
final class SchemaNames extends TypeNameResolver {

    @Override
    protected String getNameOfClass(Class<?> type) {
        String name = super.getNameOfClass(type);
        Class<?> outer = type.getEnclosingClass();
        if (outer == null || !name.equals(type.getSimpleName())) {
            return name; // top level, or named on purpose with @Schema(name = ...)
        }
        String noun = outer.getSimpleName().endsWith("Resource")
                ? outer.getSimpleName().substring(0, outer.getSimpleName().length() - "Resource".length())
                : outer.getSimpleName();
        return name.startsWith(noun) ? name : noun + name;
    }
}
