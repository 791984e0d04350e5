package org.porchlight.requests.rest;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.rest.StreamedBody;
import org.porchlight.requests.WitnessLinks;

import io.swagger.v3.oas.annotations.Operation;

/** Where a witness holding a submission link uploads files: no account needed, the link is the key. */
@Component(service = WitnessSubmissionResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("public/submissions/{token}")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class WitnessSubmissionResource {

    /** The tokens links carry: 32 random bytes, base64url. */
    private static final String TOKEN = "[A-Za-z0-9_-]{43}";

    /**
     * What the witness gets back: a receipt with the hash, so they can check what arrived, and the
     * file's id to share or remove it; {@code sharedAt} is null while it is only prepared.
     */
    public record Receipt(UUID id, String fileName, long size, String sha256, Instant receivedAt, Instant sharedAt) {

        static Receipt of(EvidenceItem item, Instant sharedAt) {
            return new Receipt(item.id(), item.fileName(), item.size(), item.sha256(), item.receivedAt(), sharedAt);
        }
    }

    /** The files to share: the ids the uploads' receipts gave. */
    public record Share(@NotNull @Size(min = 1, max = 100) List<@NotNull UUID> files) {
    }

    private final WitnessLinks links;

    @Activate
    public WitnessSubmissionResource(@Reference WitnessLinks links) {
        this.links = links;
    }

    @GET
    @Operation(summary = "Whether the link is open, for whom, until when, and how many files it still accepts")
    public WitnessLinks.OpenLink describe(@PathParam("token") @Pattern(regexp = TOKEN) String token) {
        return links.describe(token);
    }

    @POST
    @Path("files")
    @Consumes(MediaType.WILDCARD)
    @StreamedBody
    @Operation(summary = "Prepare one file (the body, streamed; its media type as Content-Type, its name in ?name=); "
            + "the agency sees nothing of it until it is shared")
    public Response upload(@PathParam("token") @Pattern(regexp = TOKEN) String token, @QueryParam("name") @Size(max = 255) String name,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, @HeaderParam(HttpHeaders.CONTENT_LENGTH) Long length,
            InputStream body) {
        EvidenceItem item = links.submit(token, name, Objects.requireNonNullElse(contentType, ""), length == null ? -1 : length, body);
        return Response.status(Response.Status.CREATED).entity(Receipt.of(item, null)).build();
    }

    @POST
    @Path("share")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Share exactly the uploaded files named with the agency; receipts with the time of the share")
    public List<Receipt> share(@PathParam("token") @Pattern(regexp = TOKEN) String token, @Valid @NotNull Share share) {
        return links.share(token, share.files()).stream().map(s -> Receipt.of(s.item(), s.sharedAt())).toList();
    }

    @DELETE
    @Path("files/{file}")
    @Operation(summary = "Remove an uploaded file that was not shared, with its stored bytes")
    public Response remove(@PathParam("token") @Pattern(regexp = TOKEN) String token, @PathParam("file") UUID file) {
        links.remove(token, file);
        return Response.noContent().build();
    }
}
