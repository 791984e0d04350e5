package org.porchlight.modules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
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
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.rest.StreamedBody;
import org.porchlight.api.security.Caller;
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
    public record Modules(boolean signaturesRequired, List<ModuleView> modules, List<ModuleManager.Refusal> refused,
            List<SwapGuard.SwapRecord> recentSwaps) {
    }

    private final ModuleManager modules;
    private final SwapGuard swaps;

    @Activate
    public ModulesResource(@Reference ModuleManager modules, @Reference SwapGuard swaps) {
        this.modules = modules;
        this.swaps = swaps;
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
    @Consumes({"application/java-archive", MediaType.APPLICATION_OCTET_STREAM, "application/zip"})
    @Produces(MediaType.APPLICATION_JSON)
    @StreamedBody
    @Operation(summary = "Install and start a module from the uploaded bundle (signed by a trusted key)")
    public Response install(@HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body, @Context SecurityContext security) {
        java.nio.file.Path file = upload(length, body);
        try {
            ModuleView module = modules.install(file, ModuleManager.Source.API, actor(security));
            return Response.created(URI.create("modules/" + module.id())).entity(module).build();
        } finally {
            delete(file);
        }
    }

    @PUT
    @Path("{id}")
    @Consumes({"application/java-archive", MediaType.APPLICATION_OCTET_STREAM, "application/zip"})
    @Produces(MediaType.APPLICATION_JSON)
    @StreamedBody
    @Operation(summary = "Swap the module to the uploaded version; on failure the running version stays")
    public ModuleView update(@PathParam("id") long id, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body,
            @Context SecurityContext security) {
        java.nio.file.Path file = upload(length, body);
        try {
            return modules.update(id, file, ModuleManager.Source.API, actor(security));
        } finally {
            delete(file);
        }
    }

    @POST
    @Path("{id}/rollback")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Swap back to the version the last update replaced")
    public ModuleView rollback(@PathParam("id") long id, @Context SecurityContext security) {
        return modules.rollback(id, ModuleManager.Source.API, actor(security));
    }

    @POST
    @Path("{id}/stop")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop the module (it stays stopped across restarts until started)")
    public ModuleView stop(@PathParam("id") long id, @Context SecurityContext security) {
        return modules.stop(id, ModuleManager.Source.API, actor(security));
    }

    @POST
    @Path("{id}/start")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start the module")
    public ModuleView start(@PathParam("id") long id, @Context SecurityContext security) {
        return modules.start(id, ModuleManager.Source.API, actor(security));
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Uninstall the module and remove it from deploy/")
    public ModuleView uninstall(@PathParam("id") long id, @Context SecurityContext security) {
        return modules.uninstall(id, ModuleManager.Source.API, actor(security));
    }

    private static Actor actor(SecurityContext security) {
        return Actor.account(Caller.of(security).orElseThrow().account(), false);
    }

    /** The body into a temporary file, refused (413) beyond the configured size. */
    private java.nio.file.Path upload(Long length, InputStream body) {
        long max = modules.maxUploadBytes();
        if (length != null && length > max) {
            throw tooLarge(max);
        }
        try {
            java.nio.file.Path file = Files.createTempFile("porchlight-module", ".jar");
            try (OutputStream out = Files.newOutputStream(file); InputStream in = body) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) != -1;) {
                    total += n;
                    if (total > max) {
                        delete(file);
                        throw tooLarge(max);
                    }
                    out.write(buffer, 0, n);
                }
            }
            return file;
        } catch (IOException e) {
            throw ModuleManager.problem("upload-failed", "Upload failed", 400, "The bundle could not be received: " + e.getMessage());
        }
    }

    private static ProblemException tooLarge(long max) {
        return ModuleManager.problem("body-too-large", "Request body too large", 413,
                "A module may be at most " + max / (1024 * 1024) + " MB (maxUploadMegabytes).");
    }

    private static void delete(java.nio.file.Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system's cleaner takes it
        }
    }
}
