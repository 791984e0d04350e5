package org.porchlight.requests.rest;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Roles;
import org.porchlight.requests.PublicRequestLog;

import io.swagger.v3.oas.annotations.Operation;

/** An agency's public request log: open to anyone, no sign-in. */
@Component(service = PublicRequestResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("public/agencies/{code}/requests")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicRequestResource {

    private final PublicRequestLog log;

    @Activate
    public PublicRequestResource(@Reference PublicRequestLog log) {
        this.log = log;
    }

    @GET
    @Operation(summary = "Activated requests, newest first: incident type, rough area, dates and status; page with ?before=")
    public Response entries(@PathParam("code") @Pattern(regexp = Roles.AGENCY_CODE_PATTERN) String code,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit, @QueryParam("before") String before) {
        List<PublicRequestLog.Entry> entries = log.entries(code, limit, instant("before", before));
        CacheControl cache = new CacheControl();
        cache.setMaxAge(60);
        return Response.ok(entries).cacheControl(cache).build();
    }

    /** Jersey has no converter for Instant: a bad value would be its 404, not a 400 naming the parameter. */
    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "1 field is invalid.")
                    .withErrors(List.of(new Problem.FieldError(name, "must be an ISO-8601 instant, e.g. 2026-11-29T12:00:00Z"))));
        }
    }
}
