package org.porchlight.requests.rest;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
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
import jakarta.ws.rs.DELETE;
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
import org.porchlight.api.evidence.SharedEvidence;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.rest.StreamedBody;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.requests.OwnerAnswers;
import org.porchlight.requests.ShareWorkflow;

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
     * An answer. {@code SHARE} names the prepared files to share ({@code files}, the ids the
     * uploads returned): exactly those reach the agency. {@code SHARE} or {@code NOTHING} may
     * reveal the owner's name and address to the agency; {@code DECLINE} needs no reason.
     * {@code NOTHING} and {@code DECLINE} discard the prepared files.
     */
    public record Answer(@NotNull ShareWorkflow.Decision decision, @Size(max = 100) List<@NotNull UUID> files,
            @Size(max = 500) String reason, Boolean revealIdentity) {
    }

    /** A file the owner shared, as its custody record has it: what (hash, size) and when. */
    public record SharedFile(UUID id, String fileName, String contentType, long size, String sha256, Instant uploadedAt,
            Instant sharedAt, String sharedAs, int custodySequence, String custodyHash) {

        static SharedFile of(SharedEvidence shared) {
            EvidenceItem item = shared.item();
            return new SharedFile(item.id(), item.fileName(), item.contentType(), item.size(), item.sha256(), item.receivedAt(),
                    shared.sharedAt(), shared.sharedBy(), shared.custodySequence(), shared.custodyHash());
        }
    }

    private final OwnerAnswers answers;
    private final ShareWorkflow shares;

    @Activate
    public OwnerRequestResource(@Reference OwnerAnswers answers, @Reference ShareWorkflow shares) {
        this.answers = answers;
        this.shares = shares;
    }

    @GET
    @Operation(summary = "Requests the resident was asked, newest first")
    public List<OwnerAnswers.AskedRequest> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
            @Context SecurityContext security) {
        return answers.asked(owner(security), limit);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One request the resident was asked, with the files they shared and those they prepared")
    public OwnerAnswers.AskedRequest get(@PathParam("id") UUID id, @Context SecurityContext security) {
        return answers.asked(owner(security), id);
    }

    @POST
    @Path("{id}/answer")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Answer: SHARE the prepared files named in 'files', NOTHING, or DECLINE; "
            + "optionally reveal name and address")
    public OwnerAnswers.AskedRequest answer(@PathParam("id") UUID id, @Valid @NotNull Answer answer, @Context SecurityContext security) {
        UUID owner = owner(security);
        boolean reveal = Boolean.TRUE.equals(answer.revealIdentity());
        shares.answer(owner, id, answer.decision(), answer.files(), answer.reason(), reveal);
        return answers.asked(owner, id);
    }

    @GET
    @Path("{id}/shared")
    @Operation(summary = "What the resident shared with this answer and when, from the files' custody records")
    public List<SharedFile> shared(@PathParam("id") UUID id, @Context SecurityContext security) {
        return shares.shared(owner(security), id).stream().map(SharedFile::of).toList();
    }

    @DELETE
    @Path("{id}/files/{file}")
    @Operation(summary = "Remove a prepared file (and its stored bytes); shared files stay with the agency (409)")
    public Response remove(@PathParam("id") UUID id, @PathParam("file") UUID file, @Context SecurityContext security) {
        shares.remove(owner(security), id, file);
        return Response.noContent().build();
    }

    @POST
    @Path("{id}/files")
    @Consumes(MediaType.WILDCARD)
    @StreamedBody
    // The evidence intake reads the media type from Content-Type and refuses what the agency does not accept (415).
    @Operation(summary = "Prepare one file for sharing (the body, streamed; its media type as Content-Type, its name in ?name=); "
            + "the agency sees nothing of it until the answer SHARE names it")
    public Response upload(@PathParam("id") UUID id, @QueryParam("name") @Size(max = 255) String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            InputStream body, @Context SecurityContext security) {
        EvidenceItem item = shares.prepare(owner(security), id, name, Objects.requireNonNullElse(contentType, ""),
                length == null ? -1 : length, body);
        return Response.created(URI.create(item.id().toString())).entity(item).build();
    }

    private static UUID owner(SecurityContext security) {
        return Caller.of(security).orElseThrow().account();
    }
}
