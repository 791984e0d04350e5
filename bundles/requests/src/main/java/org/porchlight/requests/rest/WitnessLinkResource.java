package org.porchlight.requests.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.requests.WitnessLinks;

import io.swagger.v3.oas.annotations.Operation;

/** Submission links an agency opens for witnesses of a case. */
@Component(service = WitnessLinkResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/witness-links")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR})
public class WitnessLinkResource {

    /** Limits default to the agency's; they can be made smaller (a longer lifetime is bounded). */
    public record NewLink(@NotBlank @Size(max = 64) String caseNumber, @Min(1) @Max(90) Integer expiresInDays,
            @Min(1) @Max(100) Integer maxFiles, @Min(1) Long maxFileBytes) {
    }

    private final WitnessLinks links;

    @Activate
    public WitnessLinkResource(@Reference WitnessLinks links) {
        this.links = links;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Open a submission link for a case; the token is shown only in this answer")
    public Response open(@PathParam("agency") String agency, @Valid @NotNull NewLink link, @Context SecurityContext security) {
        WitnessLinks.WitnessLink opened = links.open(Caller.of(security).orElseThrow(), agency, link.caseNumber().trim(), link.expiresInDays(),
                link.maxFiles(), link.maxFileBytes());
        return Response.created(URI.create(opened.id().toString())).entity(opened).build();
    }

    @GET
    @Operation(summary = "The agency's submission links, newest first, optionally for one case")
    public List<WitnessLinks.WitnessLink> list(@PathParam("agency") String agency, @QueryParam("caseNumber") @Size(max = 64) String caseNumber) {
        return links.list(agency, caseNumber);
    }

    @POST
    @Path("{id}/revoke")
    @Operation(summary = "Close a link before it expires")
    public Response revoke(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        if (!links.revoke(agency, id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }
}
