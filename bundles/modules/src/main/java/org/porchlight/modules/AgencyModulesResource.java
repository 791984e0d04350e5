package org.porchlight.modules;

import java.io.InputStream;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.rest.StreamedBody;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code /api/agencies/{agency}/modules}: an agency's own bundles, which its admin uploads, updates,
 * stops and removes. Each must be signed by a key the platform trusts for that agency alone; it then
 * acts for that agency only (its extension services, routes and pages). Other modules are not the
 * agency's to see or touch here: they answer 404.
 */
@Component(service = AgencyModulesResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/modules")
@RolesAllowed(Roles.AGENCY_ADMIN)
public class AgencyModulesResource {

    /** Where a module's outcome is read, relative to this resource's requests. */
    private static final String LOCATION = "modules/";

    private final AgencyModules modules;
    private final ModuleRequests requests;

    @Activate
    public AgencyModulesResource(@Reference AgencyModules modules, @Reference ModuleRequests requests) {
        this.modules = modules;
        this.requests = requests;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The agency's own modules")
    public List<ModuleView> list(@PathParam("agency") String agency) {
        return modules.list(agency);
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One of the agency's own modules")
    public ModuleView module(@PathParam("agency") String agency, @PathParam("id") long id) {
        return modules.module(agency, id);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @StreamedBody
    @Operation(summary = "Install and start the agency's own module, signed by a key the platform trusts for this agency")
    public Response install(@PathParam("agency") String agency, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body, @Context SecurityContext security) {
        var file = requests.upload(type, length, body);
        Actor actor = ModuleRequests.actor(security);
        return requests.install(file, LOCATION, () -> modules.install(agency, file, ModuleManager.Source.API, actor));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @StreamedBody
    @Operation(summary = "Swap the agency's module to the uploaded version, signed by the agency's key")
    public Response update(@PathParam("agency") String agency, @PathParam("id") long id,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            InputStream body, @Context SecurityContext security) {
        modules.owned(agency, id); // before the body is read: another agency's id is not found
        var file = requests.upload(type, length, body);
        Actor actor = ModuleRequests.actor(security);
        return requests.update(id, file, LOCATION + id, () -> modules.update(agency, id, file, ModuleManager.Source.API, actor));
    }

    @POST
    @Path("{id}/stop")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop the agency's module")
    public Response stop(@PathParam("agency") String agency, @PathParam("id") long id, @Context SecurityContext security) {
        Actor actor = ModuleRequests.actor(security);
        return requests.run(id, LOCATION + id, () -> modules.stop(agency, id, ModuleManager.Source.API, actor), ModuleRequests.ok());
    }

    @POST
    @Path("{id}/start")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start the agency's module")
    public Response start(@PathParam("agency") String agency, @PathParam("id") long id, @Context SecurityContext security) {
        Actor actor = ModuleRequests.actor(security);
        return requests.run(id, LOCATION + id, () -> modules.start(agency, id, ModuleManager.Source.API, actor), ModuleRequests.ok());
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Uninstall the agency's module")
    public Response uninstall(@PathParam("agency") String agency, @PathParam("id") long id, @Context SecurityContext security) {
        Actor actor = ModuleRequests.actor(security);
        return requests.run(id, LOCATION + id, () -> modules.uninstall(agency, id, ModuleManager.Source.API, actor), ModuleRequests.ok());
    }
}
