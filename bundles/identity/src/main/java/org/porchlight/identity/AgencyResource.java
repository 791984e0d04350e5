package org.porchlight.identity;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import org.porchlight.api.geo.Area;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Agencies and their staff. Platform admins create agencies; an agency's admins manage its
 * settings and invite its staff. The REST core keeps every agency's staff out of the others'.
 */
@Component(service = AgencyResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies")
public class AgencyResource {

    public record AgencyForm(@NotBlank @Pattern(regexp = Roles.AGENCY_CODE_PATTERN) String code,
            @NotBlank @Size(max = 200) String name, @NotNull Area jurisdiction, @NotBlank @Size(max = 64) String timeZone,
            @NotBlank @Email @Size(max = 320) String contactEmail, @Size(max = 40) String contactPhone,
            @Size(max = 50) Map<@Size(max = 64) String, Object> policy) {
    }

    public record AgencyUpdate(@NotBlank @Size(max = 200) String name, @NotNull Area jurisdiction,
            @NotBlank @Size(max = 64) String timeZone, @NotBlank @Email @Size(max = 320) String contactEmail,
            @Size(max = 40) String contactPhone, @Size(max = 50) Map<@Size(max = 64) String, Object> policy) {
    }

    public record Invite(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 200) String displayName,
            @NotBlank @Pattern(regexp = "OFFICER|SUPERVISOR|PIO|AGENCY_ADMIN") String role) {
    }

    public record RoleChange(@NotBlank @Pattern(regexp = "OFFICER|SUPERVISOR|PIO|AGENCY_ADMIN") String role) {
    }

    private final Directory directory;
    private final AgencySettings settings;
    private final AccountSecurity security;

    @Activate
    public AgencyResource(@Reference Directory directory, @Reference AgencySettings settings,
            @Reference AccountSecurity security) {
        this.directory = directory;
        this.settings = settings;
        this.security = security;
    }

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an agency (a tenant)")
    @ApiResponse(responseCode = "201", description = "The agency, at Location",
            content = @Content(schema = @Schema(implementation = Agency.class)))
    public Response create(@Valid @NotNull AgencyForm form) {
        Agency created = settings.create(new Agency(form.code(), form.name(), form.jurisdiction(), form.timeZone(),
                form.contactEmail(), form.contactPhone(), form.policy(), null));
        return Response.created(URI.create("agencies/" + created.code())).entity(created).build();
    }

    @GET
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every agency")
    public List<Agency> list() {
        return directory.agencies(null);
    }

    @GET
    @Path("{agency}")
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR, Roles.PIO, Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One agency, with its policy settings")
    public Agency get(@PathParam("agency") String agency) {
        return directory.agency(agency).orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("{agency}")
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace an agency's settings (its code stays). A new jurisdiction that overlaps another "
            + "agency's needs a platform admin (403 jurisdiction-overlap)")
    public Agency update(@PathParam("agency") String agency, @Valid @NotNull AgencyUpdate form,
            @Context SecurityContext security) {
        return settings.update(Caller.of(security).orElseThrow(), agency, new Agency(agency, form.name(), form.jurisdiction(),
                form.timeZone(), form.contactEmail(), form.contactPhone(), form.policy(), null))
                .orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("{agency}/staff")
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Invite a staff member; the answer holds the one-time activation token")
    @ApiResponse(responseCode = "201", description = "The pending account and its one-time activation token",
            content = @Content(schema = @Schema(implementation = Directory.Invitation.class)))
    public Response invite(@PathParam("agency") String agency, @Valid @NotNull Invite form) {
        directory.agency(agency).orElseThrow(NotFoundException::new);
        Directory.Invitation invitation = directory.invite(form.role(), agency, form.email(), form.displayName());
        return Response.created(URI.create("agencies/" + agency + "/staff/" + invitation.account().id()))
                .entity(invitation).build();
    }

    @GET
    @Path("{agency}/staff")
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The agency's staff accounts")
    public List<Account> staff(@PathParam("agency") String agency) {
        directory.agency(agency).orElseThrow(NotFoundException::new);
        return directory.staff(agency);
    }

    @DELETE
    @Path("{agency}/staff/{id}")
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
    @Operation(summary = "Disable a staff account: its access tokens are refused from its next request on, on every "
            + "node, and its refresh tokens are revoked")
    public Response disable(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        if (!security.disableStaff(agency, id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    @PUT
    @Path("{agency}/staff/{id}/role")
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Give a staff member another staff role: tokens naming the old role are refused from the next "
            + "request on; a refresh gives one with the new role")
    public Response changeRole(@PathParam("agency") String agency, @PathParam("id") UUID id, @Valid @NotNull RoleChange form) {
        if (!security.changeStaffRole(agency, id, form.role())) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{agency}/staff/{id}/enable")
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
    @Operation(summary = "Enable a disabled staff account again: it signs in with its password (its earlier sign-ins stay "
            + "ended); one disabled before activation is pending again and needs a new invitation. 409 not-disabled")
    public Response enable(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        if (!security.enableStaff(agency, id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    @POST
    @Path("{agency}/staff/{id}/invitation")
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a pending staff account a new one-time activation token (the earlier one stops working), "
            + "valid for activationHours. 409 not-pending if the account is active or disabled")
    public Directory.Invitation reissue(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        return security.reissueInvitation(agency, id, directory).orElseThrow(NotFoundException::new);
    }
}
