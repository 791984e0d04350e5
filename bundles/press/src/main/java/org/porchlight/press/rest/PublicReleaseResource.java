package org.porchlight.press.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.press.Release;
import org.porchlight.press.ReleaseLog;

import io.swagger.v3.oas.annotations.Operation;

/** The agency's public release log: what it published, who wrote it and who approved it. */
@Component(service = PublicReleaseResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("public/agencies/{code}/releases")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicReleaseResource {

    private final ReleaseLog log;

    @Activate
    public PublicReleaseResource(@Reference ReleaseLog log) {
        this.log = log;
    }

    @GET
    @Operation(summary = "Published releases, newest first: text, version, author (vendors by name), approver's role and time, checks passed")
    public List<Release> list(@PathParam("code") String code) {
        return log.releases(code);
    }
}
