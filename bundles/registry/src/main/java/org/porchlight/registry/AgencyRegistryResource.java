package org.porchlight.registry;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.geo.Area;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;

/**
 * What an agency sees of the registry: counts inside its jurisdiction, and its "verified" flag.
 * Never a camera, a location or an owner. The root path names the agency, so that the REST core
 * keeps other agencies' staff out (and JAX-RS, which picks one root resource per request, sends
 * {@code /agencies/{agency}/registry/...} here rather than to the identity bundle's agencies).
 */
@Component(service = AgencyRegistryResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/registry")
public class AgencyRegistryResource {

    private final Registry registry;

    @Activate
    public AgencyRegistryResource(@Reference Registry registry) {
        this.registry = registry;
    }

    @POST
    @Path("count")
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR, Roles.AGENCY_ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How many registered, active cameras that accept this agency's requests lie in the whole cells of about "
            + "150 m that an area of its jurisdiction covers or touches; withheld when too few owners are behind it")
    public CellCount count(@PathParam("agency") String agency, @NotNull Area area, @Context SecurityContext security) {
        return registry.agencyCount(agency, area, Caller.of(security).orElseThrow().account());
    }

    @POST
    @Path("cameras/{id}/verified")
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR, Roles.AGENCY_ADMIN})
    @Operation(summary = "Mark a registration that may receive this agency's requests as verified (e.g. after a call)")
    public Response verified(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        if (!registry.registrations().markVerified(agency.toUpperCase(java.util.Locale.ROOT), id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }
}
