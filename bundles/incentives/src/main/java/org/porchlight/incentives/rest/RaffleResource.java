package org.porchlight.incentives.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.porchlight.incentives.IncentivesConfiguration;
import org.porchlight.incentives.Raffles;

import io.swagger.v3.oas.annotations.Operation;

/** An agency's raffles: create (the seed's hash is published at once), add entrants, close and draw. */
@Component(service = RaffleResource.class, configurationPid = IncentivesConfiguration.PID)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/raffles")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENCY_ADMIN, Roles.SUPERVISOR, Roles.PIO})
public class RaffleResource {

    static final String LABEL = Raffles.LABEL;

    public record NewRaffle(@NotBlank @Size(max = 200) String title, @NotNull @Min(1) @Max(1000) Integer units, UUID campaign) {
    }

    public record Entrants(@NotEmpty @Size(max = 10000) List<@NotNull @Pattern(regexp = LABEL) String> labels) {
    }

    private final Raffles raffles;
    private final int maxEntrants;

    @Activate
    public RaffleResource(@Reference Raffles raffles, IncentivesConfiguration config) {
        this.raffles = raffles;
        this.maxEntrants = config.maxRaffleEntrants();
    }

    @POST
    @RolesAllowed(Roles.AGENCY_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a raffle of units the ledger holds; its commitment (SHA-256 of the secret seed) is public at once")
    public Response create(@PathParam("agency") String agency, @Valid @NotNull NewRaffle raffle, @Context SecurityContext security) {
        Raffles.Raffle created = raffles.create(agency, raffle.campaign(), raffle.title().trim(), raffle.units(),
                Caller.of(security).orElseThrow().account());
        return Response.created(URI.create(created.id().toString())).entity(created).build();
    }

    @GET
    @Operation(summary = "The agency's raffles, newest first")
    public List<Raffles.Raffle> list(@PathParam("agency") String agency) {
        return raffles.list(agency);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "A raffle with its entrants")
    public Raffles.Raffle get(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        return raffles.get(agency, id);
    }

    @POST
    @Path("{id}/entrants")
    @RolesAllowed(Roles.AGENCY_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Add entrants by label (ticket numbers, pseudonyms) while the raffle is open")
    public Raffles.Raffle enter(@PathParam("agency") String agency, @PathParam("id") UUID id, @Valid @NotNull Entrants entrants) {
        return raffles.enter(agency, id, entrants.labels().stream().map(String::trim).distinct().toList(), maxEntrants);
    }

    @POST
    @Path("{id}/draw")
    @RolesAllowed(Roles.AGENCY_ADMIN)
    @Operation(summary = "Close entry, reveal the seed and draw; the winners' units are redeemed from the ledger")
    public Raffles.Raffle draw(@PathParam("agency") String agency, @PathParam("id") UUID id, @Context SecurityContext security) {
        return raffles.close(agency, id, Caller.of(security).orElseThrow().account());
    }
}
