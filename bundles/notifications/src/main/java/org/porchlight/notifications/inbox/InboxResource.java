package org.porchlight.notifications.inbox;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;

/**
 * The caller's own inbox, for every signed-in account. Every query names the caller's account,
 * so another person's item is simply not found. Reads are not audited as personal-data reads: the
 * inbox holds only what Porchlight told its owner, it is read only by them, and clients poll it.
 */
@Component(service = InboxResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("me/inbox")
@RolesAllowed({Roles.RESIDENT, Roles.OFFICER, Roles.SUPERVISOR, Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR, Roles.PLATFORM_ADMIN})
public class InboxResource {

    private final Inbox inbox;

    @Activate
    public InboxResource(@Reference Inbox inbox) {
        this.inbox = inbox;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The caller's notifications, newest first, with the number unread; pass next as cursor for older ones")
    public Inbox.Page list(@QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") @Pattern(regexp = "[0-9]{1,18}", message = "must be the next value of an earlier page") String cursor,
            @Context SecurityContext security) {
        return inbox.page(account(security), cursor == null ? null : Long.valueOf(cursor), limit);
    }

    @POST
    @Path("{id}/read")
    @Operation(summary = "Mark one of the caller's notifications read")
    public Response read(@PathParam("id") UUID id, @Context SecurityContext security) {
        if (!inbox.markRead(account(security), id)) {
            throw new NotFoundException();
        }
        return Response.noContent().build();
    }

    @POST
    @Path("read-all")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mark all the caller's notifications read")
    public Map<String, Integer> readAll(@Context SecurityContext security) {
        return Map.of("marked", inbox.markAllRead(account(security)));
    }

    private static UUID account(SecurityContext security) {
        return Caller.of(security).orElseThrow(NotFoundException::new).account();
    }
}
