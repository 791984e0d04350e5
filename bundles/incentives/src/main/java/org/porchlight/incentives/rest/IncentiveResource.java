package org.porchlight.incentives.rest;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.incentives.Ledger;
import org.porchlight.incentives.PartnerAliases;
import org.porchlight.incentives.Programmes;

import io.swagger.v3.oas.annotations.Operation;

/** An agency's incentive campaigns, their referral codes and counts, and its ledger. */
@Component(service = IncentiveResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/incentives")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.AGENCY_ADMIN, Roles.SUPERVISOR, Roles.PIO})
public class IncentiveResource {

    public record NewCampaign(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 200) String partner,
            List<String> partnerAliases, @Pattern(regexp = "[a-z0-9][a-z0-9.-]{0,63}") String rule) {
    }

    /** The partner's other names; replaces the list. */
    public record Aliases(@NotNull List<String> aliases) {
    }

    public record NewCode(@Size(max = 200) String label, @NotNull Instant startsAt, @NotNull Instant endsAt, @Min(1) Integer cap) {
    }

    public record Adjustment(@NotNull @Min(-100000) @Max(100000) Integer units, @NotBlank @Size(max = 500) String reason) {
    }

    private final Programmes programmes;
    private final Ledger ledger;
    private final PartnerAliases aliases;

    @Activate
    public IncentiveResource(@Reference Programmes programmes, @Reference Ledger ledger, @Reference PartnerAliases aliases) {
        this.programmes = programmes;
        this.ledger = ledger;
        this.aliases = aliases;
    }

    @POST
    @Path("campaigns")
    @RolesAllowed(Roles.AGENCY_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a campaign; its rule (default per-signups) turns attributed sign-ups into units")
    public Response createCampaign(@PathParam("agency") String agency, @Valid @NotNull NewCampaign campaign,
            @Context SecurityContext security) {
        Programmes.Campaign created = programmes.createCampaign(agency, campaign.name().trim(), campaign.partner().trim(),
                campaign.partnerAliases(), campaign.rule(),
                Caller.of(security).orElseThrow().account());
        return Response.created(URI.create(created.id().toString())).entity(created).build();
    }

    @GET
    @Path("campaigns")
    @Operation(summary = "The agency's campaigns with their counted and pending attributions and units")
    public List<Programmes.Campaign> campaigns(@PathParam("agency") String agency) {
        return programmes.campaigns(agency);
    }

    @GET
    @Path("campaigns/{id}/partner-aliases")
    @Operation(summary = "The other names the campaign's partner goes by; a public text naming any carries the disclosure")
    public Aliases partnerAliases(@PathParam("agency") String agency, @PathParam("id") UUID campaign) {
        return new Aliases(aliases.aliases(agency, campaign));
    }

    @PUT
    @Path("campaigns/{id}/partner-aliases")
    @RolesAllowed(Roles.AGENCY_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the partner's aliases: at most 20, each 3 or more letters or digits, at most 100 characters")
    public Aliases replacePartnerAliases(@PathParam("agency") String agency, @PathParam("id") UUID campaign,
            @Valid @NotNull Aliases replacement) {
        return new Aliases(aliases.replace(agency, campaign, replacement.aliases()));
    }

    @POST
    @Path("campaigns/{id}/codes")
    @RolesAllowed(Roles.AGENCY_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A new referral code for the campaign: random, without look-alike characters")
    public Response createCode(@PathParam("agency") String agency, @PathParam("id") UUID campaign, @Valid @NotNull NewCode code) {
        if (!code.endsAt().isAfter(code.startsAt())) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "1 field is invalid.")
                    .withErrors(List.of(new Problem.FieldError("endsAt", "must be after startsAt"))));
        }
        Programmes.Code created = programmes.createCode(agency, campaign, code.label(), code.startsAt(), code.endsAt(), code.cap());
        return Response.created(URI.create(created.code())).entity(created).build();
    }

    @GET
    @Path("campaigns/{id}/codes")
    @Operation(summary = "The campaign's codes with how often each was used")
    public List<Programmes.Code> codes(@PathParam("agency") String agency, @PathParam("id") UUID campaign) {
        return programmes.codes(agency, campaign);
    }

    @GET
    @Path("attributions")
    @Operation(summary = "Attributed sign-ups per day, campaign and code, in the agency's time zone (at most a year), "
            + "with how many of them are counted and pending")
    public List<Programmes.DailyCount> daily(@PathParam("agency") String agency,
            @QueryParam("from") @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}") String from,
            @QueryParam("to") @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}") String to) {
        LocalDate start = day("from", from);
        LocalDate end = day("to", to);
        if (end.isBefore(start) || end.isAfter(start.plusDays(366))) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "1 field is invalid.")
                    .withErrors(List.of(new Problem.FieldError("to", "must be on or after from, and at most a year later"))));
        }
        return programmes.daily(agency, start, end);
    }

    @GET
    @Path("ledger")
    @Operation(summary = "The ledger's balance (the sum of its entries), the attributions pending (address not verified, "
            + "earning nothing) and counted, and the latest entries")
    public Ledger.Statement ledger(@PathParam("agency") String agency,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        return ledger.statement(programmes.agency(agency).code(), limit);
    }

    @POST
    @Path("ledger/adjustments")
    @RolesAllowed(Roles.AGENCY_ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Correct the balance, with a reason; never below zero")
    public Response adjust(@PathParam("agency") String agency, @Valid @NotNull Adjustment adjustment, @Context SecurityContext security) {
        if (adjustment.units() == 0) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "1 field is invalid.")
                    .withErrors(List.of(new Problem.FieldError("units", "must not be 0"))));
        }
        Caller caller = Caller.of(security).orElseThrow();
        Ledger.Entry entry = ledger.adjust(programmes.agency(agency).code(), adjustment.units(), adjustment.reason().trim(), caller.account());
        return Response.status(Response.Status.CREATED).entity(entry).build();
    }

    private static LocalDate day(String name, String value) {
        try {
            return LocalDate.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "1 field is invalid.")
                    .withErrors(List.of(new Problem.FieldError(name, "must be a date, e.g. 2026-11-29"))));
        }
    }
}
