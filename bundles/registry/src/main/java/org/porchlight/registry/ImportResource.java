package org.porchlight.registry;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;

/**
 * Import reports of external registries, for the agency that runs each source (platform admins
 * see every source). A source of another agency is not found. Every sync attempt is a run: completed, failed or
 * interrupted with the reason, or skipped with why. Reports hold counts, line numbers, columns and reasons: never a
 * rejected value or a registration.
 */
@Component(service = ImportResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("registry/imports")
@RolesAllowed({Roles.AGENCY_ADMIN, Roles.SUPERVISOR, Roles.PLATFORM_ADMIN})
public class ImportResource {

    static final ProblemType SOURCE_UNAVAILABLE = ProblemType.named("source-unavailable", "Source unavailable", 409);

    private final RegistrySync sync;

    @Activate
    public ImportResource(@Reference RegistrySync sync) {
        this.sync = sync;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's agency's registry sources, each with its latest sync attempt (any state)")
    public List<ImportRuns.Source> sources(@Context SecurityContext security) {
        var available = sync.available();
        return sync.runs().sources(Caller.of(security).orElseThrow().agency(), available::contains);
    }

    @GET
    @Path("{source}/runs")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A source's latest runs, newest first: imports, and attempts that failed or were skipped, with why")
    public List<ImportRuns.Run> runs(@PathParam("source") String source,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(200) int limit, @Context SecurityContext security) {
        checkAccess(source, security);
        return sync.runs().runs(source, limit);
    }

    @GET
    @Path("{source}/runs/{run}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One import's report: counts, and the rejected rows by line (paged by offset and limit)")
    public ImportRuns.Run run(@PathParam("source") String source, @PathParam("run") UUID run,
            @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
            @QueryParam("limit") @DefaultValue("1000") @Min(1) @Max(10000) int limit, @Context SecurityContext security) {
        checkAccess(source, security);
        return sync.runs().run(source, run, offset, limit).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("{source}/sync")
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sync a source now; full=true hands over the whole feed again, even if unchanged")
    public Response syncNow(@PathParam("source") String source, @QueryParam("full") @DefaultValue("false") boolean full,
            @Context SecurityContext security) {
        checkAccess(source, security);
        if (!sync.requestSync(source, full)) {
            // Recorded for whichever node serves it, or for when its plugin is deployed again.
            throw new ProblemException(SOURCE_UNAVAILABLE, "No plugin serves source " + source + " on this node now"
                    + (full ? "; a full import is recorded and runs when one does." : "."));
        }
        return Response.accepted(Map.of("source", source, "full", full)).build();
    }

    /** Staff reach only their own agency's sources; a source they may not see does not exist for them. */
    private void checkAccess(String source, SecurityContext security) {
        Caller caller = Caller.of(security).orElseThrow();
        String agency = sync.runs().agencyOf(source).orElseThrow(NotFoundException::new);
        if (!caller.hasRole(Roles.PLATFORM_ADMIN) && !caller.isStaffOf(agency)) {
            throw new NotFoundException();
        }
    }
}
