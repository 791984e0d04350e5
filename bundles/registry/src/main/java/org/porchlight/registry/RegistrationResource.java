package org.porchlight.registry;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PersonalData;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * A resident's own camera registrations. Every query is scoped by the caller, so another
 * resident's registration is simply not found.
 */
@Component(service = RegistrationResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("registry/cameras")
@RolesAllowed(Roles.RESIDENT)
public class RegistrationResource {

    /**
     * What an owner registers. {@code agencies}: who may send footage requests; leave it out for
     * the agencies whose jurisdiction contains the camera.
     */
    public record CameraForm(@NotNull GeoPoint location, @NotBlank @Size(max = 300) String address,
            @NotNull CameraKind kind, @Min(1) @Max(500) Integer cameraCount, @Min(0) @Max(359) Integer bearing,
            @Min(1) @Max(360) Integer viewAngle, @NotNull Boolean recording, @NotNull @Min(0) @Max(3650) Integer retentionDays,
            @NotNull Boolean contactOk, Boolean exactLocationOk, Boolean paused,
            @Size(max = 20) List<@NotBlank @Pattern(regexp = Roles.AGENCY_CODE_PATTERN) String> agencies) {
    }

    private final Registry registry;

    @Activate
    public RegistrationResource(@Reference Registry registry) {
        this.registry = registry;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a camera")
    @ApiResponse(responseCode = "201", description = "The registration, at Location",
            content = @Content(schema = @Schema(implementation = Registration.class)))
    public Response create(@Valid @NotNull CameraForm form, @Context SecurityContext security) {
        Registration created = registry.registrations().create(owner(security), details(form));
        return Response.created(URI.create("registry/cameras/" + created.id())).entity(created).build();
    }

    @GET
    @PersonalData
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's registrations")
    public List<Registration> list(@Context SecurityContext security) {
        return registry.registrations().list(owner(security));
    }

    @GET
    @Path("{id}")
    @PersonalData
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One of the caller's registrations")
    public Registration get(@PathParam("id") UUID id, @Context SecurityContext security) {
        return registry.registrations().find(owner(security), id).orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a registration, e.g. pause it (paused: true) or choose the agencies that may ask")
    public Registration update(@PathParam("id") UUID id, @Valid @NotNull CameraForm form, @Context SecurityContext security) {
        return registry.registrations().update(owner(security), id, details(form)).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("{id}/confirm")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Confirm the registration is still right: it is matched for another 13 months")
    public Registration confirm(@PathParam("id") UUID id, @Context SecurityContext security) {
        return registry.registrations().confirm(owner(security), id).orElseThrow(NotFoundException::new);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a registration and all it holds, for good")
    public Response delete(@PathParam("id") UUID id, @Context SecurityContext security) {
        if (!registry.registrations().delete(owner(security), id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    private Registrations.Details details(CameraForm form) {
        return new Registrations.Details(form.location(), form.address().strip(), form.kind(),
                form.cameraCount() == null ? 1 : form.cameraCount(), form.bearing(), form.viewAngle(), form.recording(),
                form.retentionDays(), form.contactOk(), Boolean.TRUE.equals(form.exactLocationOk()),
                Boolean.TRUE.equals(form.paused()), registry.allowedAgencies(form.location(), form.agencies()));
    }

    private static UUID owner(SecurityContext security) {
        return Caller.of(security).orElseThrow(NotFoundException::new).account();
    }
}
