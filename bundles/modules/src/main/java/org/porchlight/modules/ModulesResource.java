package org.porchlight.modules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

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
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.rest.StreamedBody;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

import org.slf4j.MDC;

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

    /**
     * The answer while a change is still under way (202).
     *
     * @param id     the module's id; {@code GET /api/admin/modules/{id}} shows the outcome
     * @param status {@code IN_PROGRESS}
     * @param detail why the answer came before the change finished
     */
    public record InProgress(long id, String status, String detail) {
    }

    private static final java.util.Set<String> BUNDLE_TYPES = java.util.Set.of("application/java-archive",
            MediaType.APPLICATION_OCTET_STREAM, "application/zip");

    private final ModuleManager modules;
    private final SwapGuard swaps;
    /** Changes run here, not on the request's thread: see {@link #run}. */
    private final ExecutorService changes = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "porchlight-module-changes");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public ModulesResource(@Reference ModuleManager modules, @Reference SwapGuard swaps) {
        this.modules = modules;
        this.swaps = swaps;
    }

    @Deactivate
    void deactivate() {
        changes.shutdown();
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
        java.nio.file.Path file = upload(type, length, body);
        Actor actor = actor(security);
        return run(-1, () -> {
            try {
                return modules.install(file, ModuleManager.Source.API, actor);
            } finally {
                delete(file);
            }
        }, module -> Response.created(URI.create("modules/" + module.id())).entity(module).build());
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @StreamedBody
    @Operation(summary = "Swap the module to the uploaded version; on failure the running version stays")
    public Response update(@PathParam("id") long id, @HeaderParam(HttpHeaders.CONTENT_TYPE) String type,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length, InputStream body, @Context SecurityContext security) {
        java.nio.file.Path file = upload(type, length, body);
        Actor actor = actor(security);
        return run(id, () -> {
            try {
                return modules.update(id, file, ModuleManager.Source.API, actor);
            } finally {
                delete(file);
            }
        }, ok());
    }

    @POST
    @Path("{id}/rollback")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Swap back to the version the last update replaced")
    public Response rollback(@PathParam("id") long id, @Context SecurityContext security) {
        Actor actor = actor(security);
        return run(id, () -> modules.rollback(id, ModuleManager.Source.API, actor), ok());
    }

    @POST
    @Path("{id}/stop")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stop the module (until it is started again; a restart starts every module)")
    public Response stop(@PathParam("id") long id, @Context SecurityContext security) {
        Actor actor = actor(security);
        return run(id, () -> modules.stop(id, ModuleManager.Source.API, actor), ok());
    }

    @POST
    @Path("{id}/start")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start the module")
    public Response start(@PathParam("id") long id, @Context SecurityContext security) {
        Actor actor = actor(security);
        return run(id, () -> modules.start(id, ModuleManager.Source.API, actor), ok());
    }

    @DELETE
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Uninstall the module and remove it from deploy/")
    public Response uninstall(@PathParam("id") long id, @Context SecurityContext security) {
        Actor actor = actor(security);
        return run(id, () -> modules.uninstall(id, ModuleManager.Source.API, actor), ok());
    }

    /**
     * Runs a change and answers with its outcome. The change runs on another thread so that this
     * request can answer early: a swap waits for the module's requests in flight, and if some of
     * them queue behind a reload of the REST runtime, that reload waits for every request in
     * flight, this one included. Then the answer is 202, and the change completes meanwhile.
     */
    private Response run(long id, Supplier<ModuleView> change, Function<ModuleView, Response> answer) {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Future<ModuleView> outcome = changes.submit(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return change.get();
            } finally {
                MDC.clear();
            }
        });
        while (true) {
            try {
                return answer.apply(outcome.get(20, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                if (id >= 0 && swaps.drainBlocked(100)) {
                    return Response.accepted(new InProgress(id, "IN_PROGRESS", "The swap waits for requests queued behind a "
                            + "reload of the REST runtime, which waits for this answer; GET this module to see the outcome."))
                            .location(URI.create("modules/" + id)).build();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a module change", e);
            }
        }
    }

    private static Function<ModuleView, Response> ok() {
        return module -> Response.ok(module).build();
    }

    private static Actor actor(SecurityContext security) {
        return Actor.account(Caller.of(security).orElseThrow().account(), false);
    }

    /**
     * The body into a temporary file, refused (413) beyond the configured size. The media type is
     * checked here rather than by {@code @Consumes}, so that a caller who may not upload at all
     * learns that first (401/403), not that the type is wrong (415).
     */
    private java.nio.file.Path upload(String type, Long length, InputStream body) {
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
        if (!BUNDLE_TYPES.contains(mediaType)) {
            throw ModuleManager.problem("unsupported-media-type", "Unsupported media type", 415,
                    "Send the bundle as application/java-archive (or application/octet-stream, application/zip), not '"
                            + mediaType + "'.");
        }
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
