package org.porchlight.identity.personal;

import java.util.Collections;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
import org.porchlight.api.rest.ClientAddresses;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PersonalData;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** A resident's own data: the export of everything held about them, and the deletion of their account. */
@Component(service = AccountDataResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("account")
public class AccountDataResource {

    /** The account's password, typed again: a stolen token alone deletes nothing. */
    public record Deletion(@NotBlank @Size(max = 1024) String password) {
    }

    private final ResidentData data;
    private final ClientAddresses addresses;

    @Activate
    public AccountDataResource(@Reference ResidentData data, @Reference ClientAddresses addresses) {
        this.data = data;
        this.addresses = addresses;
    }

    @GET
    @Path("export")
    @RolesAllowed(Roles.RESIDENT)
    @PersonalData
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Everything Porchlight holds about the signed-in resident, as one JSON document: the account, "
            + "cameras, requests with answers and shared files, inbox, referral attribution (503 naming a module that "
            + "holds data and is not running)")
    public Response export(@Context SecurityContext security) {
        Map<String, Object> export = data.export(Caller.of(security).orElseThrow());
        return Response.ok(export).header("Content-Disposition", "attachment; filename=\"porchlight-my-data.json\"")
                .header("Cache-Control", "no-store").build();
    }

    @DELETE
    @RolesAllowed(Roles.RESIDENT)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete the signed-in resident's account, confirmed with its password: registrations, contact "
            + "details, pending requests and inbox go; answers that shared evidence stay under the per-agency pseudonym "
            + "(docs/privacy.md). 403 wrong password, 503 naming a module that holds data and is not running (nothing "
            + "changed) or that failed (delete again to finish)")
    @ApiResponse(responseCode = "200", description = "What was deleted and what was kept, per section",
            content = @Content(schema = @Schema(implementation = ResidentDataWorkflow.Receipt.class)))
    @ApiResponse(responseCode = "429", description = "Too many wrong passwords; Retry-After says when to try again")
    public ResidentDataWorkflow.Receipt delete(@Valid @NotNull Deletion deletion, @Context SecurityContext security,
            @Context HttpServletRequest http) {
        String client = addresses.resolve(http.getRemoteAddr(), Collections.list(http.getHeaders(ClientAddresses.FORWARDED_FOR)));
        return data.delete(Caller.of(security).orElseThrow(), deletion.password(), client);
    }
}
