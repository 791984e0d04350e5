package org.porchlight.examples.noticeboard.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

import org.porchlight.examples.noticeboard.NoteBook;
import org.porchlight.examples.noticeboard.store.NoteRows.Note;

/**
 * An agency's notes at {@code /api/noticeboard/agencies/{agency}/notes}. The REST core checks the roles
 * and that staff reach only their own agency ({@code {agency}} in the path) before this code runs.
 */
@Component(service = NoteResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("noticeboard/agencies/{agency}/notes")
@Produces(MediaType.APPLICATION_JSON)
public class NoteResource {

    /** What a client posts. */
    public record NewNote(@NotBlank String text) {
    }

    private final NoteBook notes;

    @Activate
    public NoteResource(@Reference NoteBook notes) {
        this.notes = notes;
    }

    @GET
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR, Roles.AGENCY_ADMIN})
    public List<Note> list(@PathParam("agency") String agency) {
        return notes.list(agency);
    }

    @POST
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR})
    @Consumes(MediaType.APPLICATION_JSON)
    public Response add(@PathParam("agency") String agency, @Valid @NotNull NewNote note, @Context SecurityContext security) {
        Caller caller = Caller.of(security).orElseThrow();
        return Response.status(Response.Status.CREATED).entity(notes.add(agency, caller.account(), note.text())).build();
    }
}
