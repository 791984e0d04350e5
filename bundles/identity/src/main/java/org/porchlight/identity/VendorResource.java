package org.porchlight.identity;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
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
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.ApiKeyAccess;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;

/** Vendor accounts and their API keys. Keys are managed with a signed-in token, never with a key. */
@Component(service = VendorResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("")
public class VendorResource {

    public record NewVendor(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 200) String displayName) {
    }

    public record NewKey(@NotBlank @Size(max = 100) String name) {
    }

    private final Directory directory;
    private final ApiKeys keys;

    @Activate
    public VendorResource(@Reference Directory directory, @Reference ApiKeys keys) {
        this.directory = directory;
        this.keys = keys;
    }

    @POST
    @Path("vendors")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite an integration partner; the answer holds the one-time activation token")
    public Response invite(@Valid @NotNull NewVendor form) {
        Directory.Invitation invitation = directory.invite(Roles.VENDOR, null, form.email(), form.displayName());
        return Response.created(URI.create("vendors/" + invitation.account().id())).entity(invitation).build();
    }

    @POST
    @Path("api-keys")
    @RolesAllowed(Roles.VENDOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an API key; the key is in this answer only")
    public Response create(@Valid @NotNull NewKey form, @Context SecurityContext security) {
        ApiKeys.Created created = keys.create(caller(security).account(), form.name());
        return Response.created(URI.create("api-keys/" + created.id())).entity(created).build();
    }

    @GET
    @Path("api-keys")
    @RolesAllowed(Roles.VENDOR)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The vendor's API keys, without their secrets")
    public List<ApiKeys.ApiKey> list(@Context SecurityContext security) {
        return keys.list(caller(security).account());
    }

    @DELETE
    @Path("api-keys/{id}")
    @RolesAllowed(Roles.VENDOR)
    @Operation(summary = "Revoke an API key")
    public Response revoke(@PathParam("id") @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String id,
            @Context SecurityContext security) {
        if (!keys.revoke(caller(security).account(), id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    @GET
    @Path("integration/whoami")
    @RolesAllowed(Roles.VENDOR)
    @ApiKeyAccess
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which vendor and key a request authenticates as: a check for integrations")
    public Map<String, String> whoami(@Context SecurityContext security) {
        Caller caller = caller(security);
        return Map.of("vendor", caller.account().toString(), "credential", caller.credential().name(),
                "key", caller.credentialId() == null ? "" : caller.credentialId());
    }

    private static Caller caller(SecurityContext security) {
        return Caller.of(security).orElseThrow(NotFoundException::new);
    }
}
