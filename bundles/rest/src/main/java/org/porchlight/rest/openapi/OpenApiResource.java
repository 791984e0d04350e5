package org.porchlight.rest.openapi;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.glassfish.jersey.server.ExtendedResourceContext;
import org.glassfish.jersey.server.model.Resource;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.rest.RestExtensions;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.jaxrs2.Reader;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * {@code GET /api/openapi.json}: an OpenAPI 3 document of the resources served right now. It
 * is read from Jersey's live resource model, which the whiteboard rebuilds whenever a bundle
 * adds or removes a resource, and regenerated only when that set of classes changes.
 */
@Component(service = OpenApiResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("openapi.json")
@PermitAll
public class OpenApiResource {

    private record Cached(Set<Class<?>> classes, String document) {
    }

    /** Reads the schemas with {@link SchemaNames}; swagger keeps its converters in one static list. */
    private static final ModelResolver SCHEMAS = new ModelResolver(Json.mapper(), new SchemaNames());

    private volatile Cached cached;

    @Deactivate
    void deactivate() {
        ModelConverters.getInstance(configuration().toConfiguration()).removeConverter(SCHEMAS);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "OpenAPI 3 description of every resource currently served under /api")
    public String openApi(@Context ExtendedResourceContext resources) throws JsonProcessingException {
        List<Resource> roots = resources.getResourceModel().getRootResources();
        Set<Class<?>> classes = resourceClasses(roots);
        Cached current = cached;
        if (current == null || !current.classes().equals(classes)) {
            current = new Cached(classes, describe(classes, roots));
            cached = current;
        }
        return current.document();
    }

    private static SwaggerConfiguration configuration() {
        return new SwaggerConfiguration().sortOutput(true);
    }

    private static Set<Class<?>> resourceClasses(List<Resource> roots) {
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (Resource resource : roots) {
            classes.addAll(resource.getHandlerClasses());
            resource.getHandlerInstances().forEach(instance -> classes.add(instance.getClass()));
        }
        return classes;
    }

    static String describe(Set<Class<?>> classes, List<Resource> roots) throws JsonProcessingException {
        OpenAPI base = new OpenAPI()
                .info(new Info().title("Porchlight API").version("1")
                        .description("Every resource that the installed bundles contribute under /api.")
                        .license(new License().name("Apache-2.0").url("https://www.apache.org/licenses/LICENSE-2.0")))
                .servers(List.of(new Server().url("/api")));
        SwaggerConfiguration configuration = configuration().openAPI(base);
        ModelConverters converters = ModelConverters.getInstance(configuration.toConfiguration());
        synchronized (SCHEMAS) {
            if (!converters.getConverters().contains(SCHEMAS)) {
                converters.addConverter(SCHEMAS);
            }
        }
        Reader reader = new Reader(configuration);
        OpenAPI document = reader.read(classes);
        // The order matters: names and access first, problems read the security written before them.
        OperationNames.annotate(document, roots);
        AccessDocumentation.annotate(document, roots);
        AreaSchemas.annotate(document);
        ProblemDocumentation.annotate(document, roots);
        RequestExamples.annotate(document, roots);
        return Json.mapper().writeValueAsString(document);
    }
}
