package org.porchlight.press.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.press.VendorGrant;
import org.porchlight.press.VendorGrants;

import io.swagger.v3.oas.annotations.Operation;

/** Which vendor accounts may write an agency's templates; its admin decides. */
@Component(service = VendorGrantResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/press/vendors")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.AGENCY_ADMIN)
public class VendorGrantResource {

    /** @param name the vendor's name as the public release log shows it, e.g. the company */
    public record Grant(@NotNull UUID account, @NotBlank @Size(max = 200) String name) {
    }

    private final VendorGrants grants;

    @Activate
    public VendorGrantResource(@Reference VendorGrants grants) {
        this.grants = grants;
    }

    @GET
    @Operation(summary = "Vendor accounts that may write the agency's templates")
    public List<VendorGrant> list(@PathParam("agency") String agency) {
        return grants.grants(agency);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Let a vendor account write the agency's templates (never approve or publish them)")
    public Response grant(@PathParam("agency") String agency, @Valid @NotNull Grant grant, @Context SecurityContext security) {
        return Response.status(Response.Status.CREATED)
                .entity(grants.grant(agency, grant.account(), grant.name(), Caller.of(security).orElseThrow().account())).build();
    }

    @DELETE
    @Path("{account}")
    @Operation(summary = "Revoke a vendor's grant; its versions stay on the record")
    public Response revoke(@PathParam("agency") String agency, @PathParam("account") UUID account) {
        grants.revoke(agency, account);
        return Response.noContent().build();
    }
}
