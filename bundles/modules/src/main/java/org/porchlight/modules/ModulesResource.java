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
 * {@code /api/admin/modules}, for platform admins: what runs, from whom, serving what; and
 * install, update, stop, start, uninstall and roll back. Bundles are uploaded as the request
 * body ({@code application/java-archive} or {@code application/octet-stream}).
 */
@Component(service = ModulesResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("admin/modules")
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class ModulesResource {

    /**
     * @param signaturesRequired false only while the development setting accepts unsigned modules
     * @param modules            every bundle of the runtime
     * @param refused            the latest files refused, with the reason
     * @param recentSwaps        the latest swaps, with how long each module's requests were held
     */
    /** Where a module's outcome is read, relative to this resource's requests. */
    private static final String LOCATION = "modules/";

    public record Modules(boolean signaturesRequired, List<ModuleView> modules, List<ModuleRecords.Refusal> refused,
            List<SwapGuard.SwapRecord> recentSwaps) {
    }

    private final ModuleManager modules;
    private final SwapGuard swaps;
    private final ModuleRequests requests;

    @Activate
    public ModulesResource(@Reference ModuleManager modules, @Reference SwapGuard swaps, @Reference ModuleRequests requests) {
        this.modules = modules;
        this.swaps = swaps;
        this.requests = requests;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every module: version, state, provenance, services, routes; refused files and recent swaps")
    public Modules list() {
        return new Modules(!modules.unsignedAllowed(), modules.list(), modules.refusals(), swaps.history());
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One module")
    public ModuleView module(@PathParam("id") long id) {
        return modules.module(id);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @StreamedBody
    @Operation(summary = "Install and start a module from the uploaded bundle (signed by a trusted key)")
    public Response install(@HeaderParam(HttpHeaders.CONTENT_TYPE) String type, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            InputStream body, @Context SecurityContext security) {
        var file = requests.upload(type, length, body);
        Actor actor = ModuleRequests.actor(security);
        return requests.install(file, LOCATION, () -> modules.install(file, ModuleManager.Source.API, actor));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @StreamedBody
    @Operation(summary = "Swap the module to the uploaded version; on failure the running version stays")
    public Response update(@PathParam("id") long id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body, @Context SecurityContext security) {
        var file = requests.upload(type, length, body);
        Actor actor = ModuleRequests.actor(security);
        return requests.update(id, file, LOCATION + id, () -> modules.update(id, file, ModuleManager.Source.API, actor));
    }

    @POST
    @Path("{id}/rollback")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Swap back to the version the last update replaced")
    public Response rollback(@PathParam("id") long id, @Context SecurityContext security) {
        Actor actor = ModuleRequests.actor(security);
        return requests.run(id, LOCATION + id, () -> modules.rollback(id, ModuleManager.Source.API, actor), ModuleRequests.ok());
    }

    @POST
    @Path("{id}/stop")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop the module (until it is started again; a restart starts every module)")
    public Response stop(@PathParam("id") long id, @Context SecurityContext security) {
        Actor actor = ModuleRequests.actor(security);
        return requests.run(id, LOCATION + id, () -> modules.stop(id, ModuleManager.Source.API, actor), ModuleRequests.ok());
    }

    @POST
    @Path("{id}/start")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start the module")
    public Response start(@PathParam("id") long id, @Context SecurityContext security) {
        Actor actor = ModuleRequests.actor(security);
        return requests.run(id, LOCATION + id, () -> modules.start(id, ModuleManager.Source.API, actor), ModuleRequests.ok());
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Uninstall the module and remove it from deploy/")
    public Response uninstall(@PathParam("id") long id, @Context SecurityContext security) {
        Actor actor = ModuleRequests.actor(security);
        return requests.run(id, LOCATION + id, () -> modules.uninstall(id, ModuleManager.Source.API, actor), ModuleRequests.ok());
    }
}
