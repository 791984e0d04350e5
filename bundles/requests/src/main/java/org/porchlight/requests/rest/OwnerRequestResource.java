package org.porchlight.requests.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
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
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.rest.StreamedBody;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.requests.OwnerAnswers;

import io.swagger.v3.oas.annotations.Operation;

/** A resident's footage requests: what they were asked, and their answers. */
@Component(service = OwnerRequestResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("me/requests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RESIDENT)
public class OwnerRequestResource {

    /**
     * An answer. {@code SHARE} (after uploading files) or {@code NOTHING} may reveal the owner's
     * name and address to the agency; {@code DECLINE} needs no reason.
     */
    public record Answer(@NotNull OwnerAnswers.Decision decision, @Size(max = 500) String reason, Boolean revealIdentity) {
    }

    private final OwnerAnswers answers;

    @Activate
    public OwnerRequestResource(@Reference OwnerAnswers answers) {
        this.answers = answers;
    }

    @GET
    @Operation(summary = "Requests the resident was asked, newest first")
    public List<OwnerAnswers.AskedRequest> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @Context SecurityContext security) {
        return answers.asked(owner(security), limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One request the resident was asked, with the files they shared")
    public OwnerAnswers.AskedRequest get(@PathParam("id") UUID id, @Context SecurityContext security) {
        return answers.asked(owner(security), id);
    }

    @POST
    @Path("{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer: SHARE (after uploading), NOTHING, or DECLINE; optionally reveal name and address")
    public OwnerAnswers.AskedRequest answer(@PathParam("id") UUID id, @Valid @NotNull Answer answer, @Context SecurityContext security) {
        return answers.answer(owner(security), id, answer.decision(), answer.reason(), Boolean.TRUE.equals(answer.revealIdentity()));
    }

    @POST
    @Path("{id}/files")
    @Consumes(MediaType.WILDCARD)
    @StreamedBody
    // The evidence intake reads the media type from Content-Type and refuses what the agency does not accept (415).
    @Operation(summary = "Share one file (the body, streamed; its media type as Content-Type, its name in ?name=)")
    public Response upload(@PathParam("id") UUID id, @QueryParam("name") @Size(max = 255) String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            InputStream body, @Context SecurityContext security) {
        EvidenceItem item = answers.upload(owner(security), id, name, Objects.requireNonNullElse(contentType, ""),
                length == null ? -1 : length, body);
        return Response.created(URI.create(item.id().toString())).entity(item).build();
    }

    private static UUID owner(SecurityContext security) {
        return Caller.of(security).orElseThrow().account();
    }
}
