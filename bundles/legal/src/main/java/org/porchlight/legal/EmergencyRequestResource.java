package org.porchlight.legal;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.porchlight.api.security.PersonalData;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;

/**
 * An agency's records of the emergency requests it made to device vendors without legal
 * process, and their review by a supervisor. Records only: nothing here reaches footage or owners
 * inside Porchlight. Reads are audited ({@link PersonalData}): a justification may describe people.
 */
@Component(service = EmergencyRequestResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/emergency-requests")
@RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR, Roles.AGENCY_ADMIN})
public class EmergencyRequestResource {

    /**
     * An emergency request as the staff member who made it records it. {@code requestedAt}: when
     * it was made to the vendor (default now); the review falls due a set time after it.
     */
    public record EmergencyForm(@NotBlank @Size(max = 120) String vendor,
            @Pattern(regexp = LegalDemandResource.CASE_NUMBER) String caseNumber, @NotBlank @Size(max = 2000) String scope,
            @NotNull @Size(min = EmergencyRequests.MIN_JUSTIFICATION, max = 4000) String justification,
            @NotNull Instant footageFrom, @NotNull Instant footageTo, Instant requestedAt) {
    }

    /** A supervisor's review; {@code note} is required for {@link ReviewVerdict#NOT_JUSTIFIED}. */
    public record ReviewForm(@NotNull ReviewVerdict verdict, @Size(max = 2000) String note) {
    }

    private final LegalRecords records;

    @Activate
    public EmergencyRequestResource(@Reference LegalRecords records) {
        this.records = records;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record an emergency request made to a device vendor, with its written justification; "
            + "a supervisor must review it within the review window (24 hours by default)")
    public Response create(@PathParam("agency") String agency, @Valid @NotNull EmergencyForm form, @Context SecurityContext security) {
        EmergencyRequest created = records.emergencies().create(LegalDemandResource.code(agency), LegalDemandResource.caller(security),
                new EmergencyRequests.Details(form.vendor().strip(), LegalDemandResource.blankToNull(form.caseNumber()),
                        form.scope().strip(), form.justification(), form.footageFrom(), form.footageTo(), form.requestedAt()));
        return Response.created(URI.create("agencies/" + created.agency() + "/emergency-requests/" + created.id()))
                .entity(created).build();
    }

    @GET
    @PersonalData
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The agency's emergency requests, newest first; reviewOverdue flags those past their review time")
    public List<EmergencyRequest> list(@PathParam("agency") String agency, @QueryParam("reviewed") Boolean reviewed,
            @QueryParam("overdue") @DefaultValue("false") boolean overdue,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(1_000_000) int offset) {
        return records.emergencies().list(LegalDemandResource.code(agency), reviewed, overdue, limit, offset);
    }

    @GET
    @Path("overdue")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "How many emergency requests await a supervisor's review past their review time")
    public Map<String, Object> overdue(@PathParam("agency") String agency) {
        return Map.of("count", records.emergencies().overdueCount(LegalDemandResource.code(agency)),
                "reviewHours", records.emergencies().reviewWindow().toHours());
    }

    @GET
    @Path("{id}")
    @PersonalData
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One emergency request with its review")
    public EmergencyRequest get(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        return records.emergencies().find(LegalDemandResource.code(agency), id).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("{id}/review")
    @RolesAllowed(Roles.SUPERVISOR)
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Review an emergency request (supervisors only, not one's own, once): JUSTIFIED or NOT_JUSTIFIED with a note")
    public EmergencyRequest review(@PathParam("agency") String agency, @PathParam("id") UUID id, @Valid @NotNull ReviewForm form,
            @Context SecurityContext security) {
        UUID reviewer = Caller.of(security).orElseThrow(NotFoundException::new).account();
        return records.emergencies().review(LegalDemandResource.code(agency), id, reviewer, form.verdict(), form.note())
                .orElseThrow(NotFoundException::new);
    }
}
