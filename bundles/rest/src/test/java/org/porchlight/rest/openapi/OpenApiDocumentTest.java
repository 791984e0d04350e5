package org.porchlight.rest.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.glassfish.jersey.server.model.Resource;
import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.problem.Problem;
import org.porchlight.rest.json.JsonMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.annotations.Operation;

class OpenApiDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A body with a polymorphic area, as agencies and requests take. */
    public record ZoneForm(@NotBlank @Pattern(regexp = "[A-Za-z0-9-]{2,16}") String code, @NotNull @Valid Area area) {
    }

    @Path("zones")
    public static class ZoneResource {

        @GET
        @Produces(MediaType.APPLICATION_JSON)
        @PermitAll
        @Operation(summary = "Every zone")
        public List<ZoneForm> list() {
            return List.of();
        }

        @POST
        @Consumes(MediaType.APPLICATION_JSON)
        @Produces(MediaType.APPLICATION_JSON)
        @RolesAllowed("PLATFORM_ADMIN")
        @Operation(summary = "Create a zone")
        public ZoneForm create(@Valid ZoneForm form) {
            return form;
        }

        @GET
        @Path("{id}")
        @Produces(MediaType.APPLICATION_JSON)
        @RolesAllowed("PLATFORM_ADMIN")
        @Operation(summary = "One zone")
        public ZoneForm get(@PathParam("id") String id) {
            return null;
        }

        @POST
        @Path("{id}/photo")
        @Consumes(MediaType.WILDCARD)
        @RolesAllowed("PLATFORM_ADMIN")
        @Operation(summary = "Upload a photo")
        public void photo(@PathParam("id") String id, InputStream body) {
        }
    }

    private final JsonNode document = describe();

    private static JsonNode describe() {
        try {
            List<Resource> roots = List.of(Resource.from(ZoneResource.class));
            return JSON.readTree(OpenApiResource.describe(Set.of(ZoneResource.class), roots));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private JsonNode operation(String path, String method) {
        return document.path("paths").path(path).path(method);
    }

    @Test
    void aPublicOperationSaysItNeedsNoCredentialsAndAnsweringNoAuthProblems() {
        JsonNode list = operation("/zones", "get");
        assertThat(list.path("security").isArray()).isTrue();
        assertThat(list.path("security")).isEmpty();
        assertThat(list.path("responses").has("401")).isFalse();
        assertThat(list.path("responses").has("400")).as("no parameters, no body").isFalse();
    }

    @Test
    void aSecuredOperationWithABodyDocumentsItsProblemsWithTheSharedSchema() {
        JsonNode responses = operation("/zones", "post").path("responses");
        assertThat(responses.fieldNames()).toIterable().contains("400", "401", "403", "413", "415").doesNotContain("404");
        assertThat(responses.path("403").path("$ref").asText()).isEqualTo("#/components/responses/Forbidden");
        JsonNode forbidden = document.path("components").path("responses").path("Forbidden");
        assertThat(forbidden.path("content").path("application/problem+json").path("schema").path("$ref").asText())
                .isEqualTo("#/components/schemas/Problem");
        assertThat(operation("/zones/{id}", "get").path("responses").has("404")).isTrue();
    }

    @Test
    void theProblemSchemaNamesTheMembersOfTheSdkProblem() {
        JsonNode properties = document.path("components").path("schemas").path("Problem").path("properties");
        for (var component : Problem.class.getRecordComponents()) {
            assertThat(properties.has(component.getName())).as(component.getName()).isTrue();
        }
    }

    @Test
    void operationIdsNameTheResourceAndTheMethod() {
        assertThat(operation("/zones", "post").path("operationId").asText()).isEqualTo("zoneCreate");
        assertThat(OperationNames.name("HealthResource", "health")).isEqualTo("health");
    }

    @Test
    void anAreaIsACircleOrAPolygonTellingWhichByItsTypeAsTheServerReadsIt() throws Exception {
        JsonNode area = document.path("components").path("schemas").path("Area");
        assertThat(area.path("oneOf")).hasSize(2);
        assertThat(area.path("discriminator").path("propertyName").asText()).isEqualTo("type");
        String circleRef = area.path("discriminator").path("mapping").path("circle").asText();
        assertThat(circleRef).isEqualTo("#/components/schemas/Circle");
        JsonNode circle = document.path("components").path("schemas").path("Circle");
        assertThat(circle.path("properties").path("type").path("enum").get(0).asText()).isEqualTo("circle");
        assertThat(circle.path("required").toString()).contains("type", "center", "radiusMeters");

        // what the mapping writes is what the schema says
        JsonNode written = JSON.readTree(JsonMapping.create().writeValueAsString(
                (Area) new Circle(new GeoPoint(39.1, -94.58), 250)));
        assertThat(written.path("type").asText()).isEqualTo("circle");
        written.fieldNames().forEachRemaining(name -> assertThat(circle.path("properties").has(name)).as(name).isTrue());
    }

    @Test
    void requestBodiesCarryAnExampleTheServerWouldRead() throws Exception {
        JsonNode example = operation("/zones", "post").path("requestBody").path("content").path("application/json")
                .path("example");
        assertThat(example.path("code").asText()).matches("[A-Za-z0-9-]{2,16}");
        assertThat(example.path("area").path("type").asText()).isEqualTo("circle");
        JsonMapping.create().treeToValue(example.path("area"), Area.class);
    }

    @Test
    void aStreamedBodyIsBinaryWithoutAContentTypeRule() {
        JsonNode photo = operation("/zones/{id}/photo", "post");
        assertThat(photo.path("requestBody").path("content").path("*/*").path("schema").path("format").asText())
                .isEqualTo("binary");
        assertThat(photo.path("responses").has("415")).isFalse();
        assertThat(photo.path("responses").has("413")).isTrue();
    }
}
