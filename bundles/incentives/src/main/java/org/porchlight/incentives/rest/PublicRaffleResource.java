package org.porchlight.incentives.rest;

import java.util.UUID;

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
import org.porchlight.incentives.Raffles;

import io.swagger.v3.oas.annotations.Operation;

/** The public view anyone can check a draw with. */
@Component(service = PublicRaffleResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("public/raffles/{id}")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class PublicRaffleResource {

    private final Raffles raffles;

    @Activate
    public PublicRaffleResource(@Reference Raffles raffles) {
        this.raffles = raffles;
    }

    @GET
    @Operation(summary = "Commitment, and once drawn the seed, the sorted entrants and the winners: enough to recompute the draw")
    public Raffles.Raffle get(@PathParam("id") UUID id) {
        return raffles.published(id);
    }
}
