package org.porchlight.press.rest;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.porchlight.api.press.ReleaseKind;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.press.Placeholder;
import org.porchlight.press.PressTemplate;
import org.porchlight.press.Release;
import org.porchlight.press.Rendering;
import org.porchlight.press.SourceLimits;
import org.porchlight.press.TemplateDiff;
import org.porchlight.press.TemplateVersion;
import org.porchlight.press.TemplateWorkflow;

import io.swagger.v3.oas.annotations.Operation;

/**
 * An agency's templates: written by its PIO or a vendor it granted, approved and published by
 * its PIO or admin. Every call that changes something is audited by the REST core.
 */
@Component(service = TemplateResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/press/templates")
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {


    public record NewTemplate(@NotNull ReleaseKind kind, @Size(max = 32) String network, @NotBlank @Size(max = 35) String locale,
            @NotBlank @Size(max = 300) String title, @NotNull @Size(max = SourceLimits.MAX_CHARS) String body,
            @Size(max = 50) List<@Valid @NotNull Placeholder> placeholders, @Size(max = 50) Map<String, @Size(max = 5000) String> values) {
    }

    public record Edit(@NotBlank @Size(max = 300) String title, @NotNull @Size(max = SourceLimits.MAX_CHARS) String body,
            @Size(max = 50) List<@Valid @NotNull Placeholder> placeholders, @Size(max = 50) Map<String, @Size(max = 5000) String> values) {
    }

    public record Rejection(@NotBlank @Size(max = 1000) String reason) {
    }

    private final TemplateWorkflow templates;

    @Activate
    public TemplateResource(@Reference TemplateWorkflow templates) {
        this.templates = templates;
    }

    @POST
    @RolesAllowed({Roles.PIO, Roles.VENDOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a template (version 1, a draft)")
    public Response create(@PathParam("agency") String agency, @Valid @NotNull NewTemplate t, @Context SecurityContext security) {
        PressTemplate created = templates.create(caller(security), agency, new TemplateWorkflow.NewTemplate(t.kind(), t.network(),
                t.locale(), t.title(), t.body(), t.placeholders() == null ? List.of() : t.placeholders(), t.values()));
        return Response.status(Response.Status.CREATED).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR})
    @Operation(summary = "The agency's templates (a vendor sees the ones it started)")
    public List<PressTemplate> list(@PathParam("agency") String agency, @Context SecurityContext security) {
        return templates.templates(caller(security), agency);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR})
    @Operation(summary = "A template at its current version, with its state")
    public PressTemplate get(@PathParam("agency") String agency, @PathParam("id") UUID id, @Context SecurityContext security) {
        return templates.template(caller(security), agency, id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.PIO, Roles.VENDOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a draft (or a published template, starting its next release): a new immutable version")
    public PressTemplate edit(@PathParam("agency") String agency, @PathParam("id") UUID id, @Valid @NotNull Edit e,
            @Context SecurityContext security) {
        return templates.edit(caller(security), agency, id, new TemplateWorkflow.Edit(e.title(), e.body(),
                e.placeholders() == null ? List.of() : e.placeholders(), e.values()));
    }

    @GET
    @Path("{id}/versions")
    @RolesAllowed({Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR})
    @Operation(summary = "Every version, oldest first, with its author")
    public List<TemplateVersion> versions(@PathParam("agency") String agency, @PathParam("id") UUID id,
            @Context SecurityContext security) {
        return templates.versions(caller(security), agency, id);
    }

    @GET
    @Path("{id}/versions/{version}")
    @RolesAllowed({Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR})
    @Operation(summary = "One version")
    public TemplateVersion version(@PathParam("agency") String agency, @PathParam("id") UUID id,
            @PathParam("version") int version, @Context SecurityContext security) {
        return templates.version(caller(security), agency, id, version);
    }

    @GET
    @Path("{id}/diff")
    @RolesAllowed({Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR})
    @Operation(summary = "Unified diff between two versions (title, placeholders and values, body)")
    public TemplateDiff diff(@PathParam("agency") String agency, @PathParam("id") UUID id, @QueryParam("from") @NotNull Integer from,
            @QueryParam("to") @NotNull Integer to, @Context SecurityContext security) {
        return templates.diff(caller(security), agency, id, from, to);
    }

    @GET
    @Path("{id}/rendering")
    @RolesAllowed({Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR})
    @Operation(summary = "Plain-text and HTML renderings of a version (the current one unless ?version=); 422 naming a missing or mistyped placeholder")
    public Rendering render(@PathParam("agency") String agency, @PathParam("id") UUID id,
            @QueryParam("version") Integer version, @Context SecurityContext security) {
        return templates.render(caller(security), agency, id, version);
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed({Roles.PIO, Roles.VENDOR})
    @Operation(summary = "Draft to in review")
    public PressTemplate submit(@PathParam("agency") String agency, @PathParam("id") UUID id, @Context SecurityContext security) {
        return templates.submit(caller(security), agency, id);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed({Roles.PIO, Roles.AGENCY_ADMIN})
    @Operation(summary = "In review to approved, after every check passes (422 listing the failures)")
    public PressTemplate approve(@PathParam("agency") String agency, @PathParam("id") UUID id, @Context SecurityContext security) {
        return templates.approve(caller(security), agency, id);
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed({Roles.PIO, Roles.AGENCY_ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "In review or approved back to draft, with a reason")
    public PressTemplate reject(@PathParam("agency") String agency, @PathParam("id") UUID id, @Valid @NotNull Rejection r,
            @Context SecurityContext security) {
        return templates.reject(caller(security), agency, id, r.reason());
    }

    @POST
    @Path("{id}/publish")
    @RolesAllowed({Roles.PIO, Roles.AGENCY_ADMIN})
    @Operation(summary = "Approved to published: the approved text goes to the public release log")
    public Response publish(@PathParam("agency") String agency, @PathParam("id") UUID id, @Context SecurityContext security) {
        return Response.status(Response.Status.CREATED).entity(templates.publish(caller(security), agency, id)).build();
    }

    private static Caller caller(SecurityContext security) {
        return Caller.of(security).orElseThrow();
    }
}
