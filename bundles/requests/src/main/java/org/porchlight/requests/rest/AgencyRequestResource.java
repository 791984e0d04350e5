package org.porchlight.requests.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.porchlight.api.geo.Area;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PersonalData;
import org.porchlight.api.security.Roles;
import org.porchlight.requests.FootageRequest;
import org.porchlight.requests.OwnerAnswers;
import org.porchlight.requests.RequestState;
import org.porchlight.requests.RequestWorkflow;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** An agency's footage requests: draft, submit, review, end, and what owners shared. */
@Component(service = AgencyRequestResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/requests")
@Produces(MediaType.APPLICATION_JSON)
public class AgencyRequestResource {

    /** A draft as an officer writes it. Limits beyond the shape are the agency's policy. */
    public record NewRequest(
            @NotBlank @Size(max = 64) String caseNumber,
            @NotNull IncidentType incidentType,
            @Size(max = 500) String incidentDetail,
            @NotNull Instant windowStart,
            @NotNull Instant windowEnd,
            @NotNull Area area,
            @NotBlank @Size(max = 2000) String message,
            Instant expiresAt) {

        RequestWorkflow.DraftInput input() {
            return new RequestWorkflow.DraftInput(caseNumber, incidentType, incidentDetail, windowStart, windowEnd, area, message, expiresAt);
        }
    }

    public record Review(@Size(max = 1000) String note) {
    }

    public record Rejection(@NotBlank @Size(max = 1000) String reason) {
    }

    public record PublicationDelay(@NotNull Instant until, @NotBlank @Size(max = 500) String reason) {
    }

    private final RequestWorkflow workflow;
    private final OwnerAnswers answers;

    @Activate
    public AgencyRequestResource(@Reference RequestWorkflow workflow, @Reference OwnerAnswers answers) {
        this.workflow = workflow;
        this.answers = answers;
    }

    @POST
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Draft a footage request; it is checked against the agency's policy at once")
    @ApiResponse(responseCode = "201", description = "The draft, at Location",
            content = @Content(schema = @Schema(implementation = FootageRequest.class)))
    public Response draft(@PathParam("agency") String agency, @Valid @NotNull NewRequest request, @Context SecurityContext security) {
        FootageRequest created = workflow.draft(caller(security), agency, request.input());
        return Response.created(URI.create(created.id().toString())).entity(created).build();
    }

    @GET
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR, Roles.AGENCY_ADMIN})
    @Operation(summary = "The agency's requests, newest first")
    public List<FootageRequest> list(@PathParam("agency") String agency, @QueryParam("state") RequestState state,
            @QueryParam("caseNumber") @Size(max = 64) String caseNumber,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return workflow.list(agency, state, caseNumber, limit);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR, Roles.AGENCY_ADMIN})
    @Operation(summary = "A request with the count of owners asked and of each answer")
    public RequestWorkflow.RequestView get(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        return workflow.view(agency, id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a draft")
    public FootageRequest update(@PathParam("agency") String agency, @PathParam("id") UUID id, @Valid @NotNull NewRequest request,
            @Context SecurityContext security) {
        return workflow.update(caller(security), agency, id, request.input());
    }

    @POST
    @Path("{id}/submit")
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR})
    @Operation(summary = "Submit a draft: to a supervisor if the policy asks for approval, otherwise it goes to the owners")
    public FootageRequest submit(@PathParam("agency") String agency, @PathParam("id") UUID id, @Context SecurityContext security) {
        return workflow.submit(caller(security), agency, id);
    }

    @POST
    @Path("{id}/approve")
    @RolesAllowed(Roles.SUPERVISOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve a pending request (not one's own); it goes to the owners")
    public FootageRequest approve(@PathParam("agency") String agency, @PathParam("id") UUID id, @Valid Review review,
            @Context SecurityContext security) {
        return workflow.approve(caller(security), agency, id, review == null ? null : review.note());
    }

    @POST
    @Path("{id}/reject")
    @RolesAllowed(Roles.SUPERVISOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reject a pending request with a reason; it returns to DRAFT")
    public FootageRequest reject(@PathParam("agency") String agency, @PathParam("id") UUID id, @Valid @NotNull Rejection rejection,
            @Context SecurityContext security) {
        return workflow.reject(caller(security), agency, id, rejection.reason());
    }

    @POST
    @Path("{id}/withdraw")
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR})
    @Operation(summary = "Withdraw a request; owners not yet answered are told nothing more is needed")
    public FootageRequest withdraw(@PathParam("agency") String agency, @PathParam("id") UUID id, @Context SecurityContext security) {
        return workflow.withdraw(caller(security), agency, id);
    }

    @POST
    @Path("{id}/close")
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR})
    @Operation(summary = "Close an active request; owners who did not answer are recorded as not answering")
    public FootageRequest close(@PathParam("agency") String agency, @PathParam("id") UUID id, @Context SecurityContext security) {
        return workflow.close(caller(security), agency, id);
    }

    @POST
    @Path("{id}/publication-delay")
    @RolesAllowed(Roles.SUPERVISOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Keep the request out of the public log until a time within the agency's bound, with a recorded reason")
    public FootageRequest delay(@PathParam("agency") String agency, @PathParam("id") UUID id, @Valid @NotNull PublicationDelay delay,
            @Context SecurityContext security) {
        return workflow.delayPublication(caller(security), agency, id, delay.until(), delay.reason());
    }

    @GET
    @Path("{id}/responses")
    @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR})
    @PersonalData
    @Operation(summary = "The answers that shared footage: pseudonym, time, files, and name and address if the owner chose to give them")
    public List<OwnerAnswers.SharedAnswer> responses(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        return answers.shared(agency, id);
    }

    private static Caller caller(SecurityContext security) {
        return Caller.of(security).orElseThrow();
    }
}
