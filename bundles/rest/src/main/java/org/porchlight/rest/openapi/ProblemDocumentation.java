package org.porchlight.rest.openapi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.glassfish.jersey.server.model.Resource;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.rest.RestExtensions;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Documents the RFC 9457 problems every operation can answer, as one shared {@code Problem}
 * schema under {@code application/problem+json}. Only statuses the REST core answers for any
 * operation of that shape are added: 400 where there is input to refuse, 401 and 403 where
 * credentials are needed, 404 where the path names something, 413 and 415 where a body is
 * read. Other 4xx answers an operation declares itself ({@code @ApiResponse}) get the schema too.
 */
final class ProblemDocumentation {

    static final String SCHEMA = "Problem";
    private static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA;

    /** Shared responses by status: the component's name and what the status means here. */
    private static final Map<String, String[]> SHARED = new LinkedHashMap<>();

    static {
        SHARED.put("400", new String[] {"BadRequest", "The input is malformed or breaks a rule; `errors` names the fields"});
        SHARED.put("401", new String[] {"Unauthorized", "No credentials, or credentials that are not valid"});
        SHARED.put("403", new String[] {"Forbidden", "The caller's role may not do this"});
        SHARED.put("404", new String[] {"NotFound", "There is no such thing, or none the caller may know of"});
        SHARED.put("413", new String[] {"PayloadTooLarge", "The body is larger than the server accepts"});
        SHARED.put("415", new String[] {"UnsupportedMediaType", "The body's Content-Type is not one this operation reads"});
    }

    private ProblemDocumentation() {
    }

    static void annotate(OpenAPI document, List<Resource> roots) {
        document.getComponents().addSchemas(SCHEMA, problemSchema());
        SHARED.forEach((status, shared) -> document.getComponents().addResponses(shared[0],
                new ApiResponse().description(shared[1]).content(problemContent())));
        DocumentedOperations.forEach(document, roots, documented -> {
            Operation operation = documented.operation();
            boolean body = operation.getRequestBody() != null;
            boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
            boolean secured = AccessDocumentation.secured(operation);
            refer(operation, "400", body || parameters);
            refer(operation, "401", secured);
            refer(operation, "403", secured);
            refer(operation, "404", documented.path().contains("{"));
            refer(operation, "413", body);
            refer(operation, "415", body && !operation.getRequestBody().getContent().containsKey("*/*"));
            describeDeclared(operation);
        });
    }

    private static void refer(Operation operation, String status, boolean applies) {
        if (!applies) {
            return;
        }
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        ApiResponse declared = operation.getResponses().get(status);
        if (declared == null) {
            operation.getResponses().addApiResponse(status, new ApiResponse().$ref(SHARED.get(status)[0]));
        }
    }

    /** 4xx answers the operation declared by annotation (e.g. 409, 429) get the Problem schema when they have none. */
    private static void describeDeclared(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        operation.getResponses().forEach((status, response) -> {
            if (status.startsWith("4") && response.get$ref() == null
                    && (response.getContent() == null || response.getContent().isEmpty())) {
                response.content(problemContent());
            }
        });
    }

    private static Content problemContent() {
        return new Content().addMediaType(RestExtensions.PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(SCHEMA_REF)));
    }

    /** RFC 9457's members as {@link Problem} carries them, plus the correlation id and field errors. */
    static Schema<?> problemSchema() {
        Schema<?> fieldError = new ObjectSchema().description("One offending input")
                .addProperty("field", new StringSchema().description("A JSON path into the body, or a parameter's name"))
                .addProperty("message", new StringSchema().description("What is wrong with it"))
                .required(List.of("field", "message"));
        return new ObjectSchema().description("An RFC 9457 problem detail; members without a value are left out")
                .addProperty("type", new StringSchema().format("uri").description(
                        "The kind of problem, e.g. urn:porchlight:problem:validation; about:blank when the status says it all"))
                .addProperty("title", new StringSchema().description("A short summary of the kind of problem"))
                .addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599)).description("The HTTP status code"))
                .addProperty("detail", new StringSchema().description("What went wrong this time"))
                .addProperty("instance", new StringSchema().format("uri").description("The request path"))
                .addProperty("requestId", new StringSchema().description("The correlation id, also in the server log"))
                .addProperty("errors", new ArraySchema().items(fieldError)
                        .description("The offending fields, for validation problems"))
                .required(List.of("type", "title", "status"));
    }
}
