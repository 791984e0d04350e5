package org.porchlight.legal;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
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
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PersonalData;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;

/**
 * An agency's records of the legal demands it served on device vendors. Records only: a demand
 * recorded here opens nothing inside Porchlight (no footage, no owner, no camera); the vendor
 * answers it outside. The path names the agency, so the REST core keeps other agencies' staff out.
 * Reads are audited ({@link PersonalData}): a demand's scope and document reference often name
 * the account holder or an address.
 */
@Component(service = LegalDemandResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/legal-demands")
@RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR, Roles.AGENCY_ADMIN})
public class LegalDemandResource {

    /** A case number as agencies write them: letters, digits and a few separators. */
    public static final String CASE_NUMBER = "[A-Za-z0-9][A-Za-z0-9 ./_:#-]{0,63}";

    /**
     * A legal demand as staff record it. Give {@code servedOn} (and {@code issuedOn}) to record
     * one already served; leave it out for a draft.
     */
    public record DemandForm(@NotNull LegalDemandKind kind, @NotNull @Pattern(regexp = CASE_NUMBER) String caseNumber,
            @NotBlank @Size(max = 200) String documentReference, @NotBlank @Size(max = 120) String vendor,
            @NotBlank @Size(max = 2000) String scope, @NotNull Instant footageFrom, @NotNull Instant footageTo,
            LocalDate issuedOn, LocalDate servedOn) {
    }

    /**
     * A change of status. {@code on}: the date it happened (default today in the agency's time
     * zone); {@code issuedOn}: only when serving a draft that has none.
     */
    public record StatusForm(@NotNull LegalDemandStatus status, LocalDate on, LocalDate issuedOn, @Size(max = 1000) String note) {
    }

    private final LegalRecords records;

    @Activate
    public LegalDemandResource(@Reference LegalRecords records) {
        this.records = records;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a legal demand sent to a device vendor: a DRAFT, or SERVED when servedOn is given")
    public Response create(@PathParam("agency") String agency, @Valid @NotNull DemandForm form, @Context SecurityContext security) {
        LegalDemand created = records.demands().create(code(agency), caller(security), details(form));
        return Response.created(URI.create("agencies/" + created.agency() + "/legal-demands/" + created.id())).entity(created).build();
    }

    @GET
    @PersonalData
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The agency's legal demands, newest first")
    public List<LegalDemand> list(@PathParam("agency") String agency, @QueryParam("status") LegalDemandStatus status,
            @QueryParam("kind") LegalDemandKind kind, @QueryParam("caseNumber") @Pattern(regexp = CASE_NUMBER) String caseNumber,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit,
            @QueryParam("offset") @DefaultValue("0") @Min(0) @Max(1_000_000) int offset) {
        return records.demands().list(code(agency), status, kind, caseNumber, limit, offset);
    }

    @GET
    @Path("{id}")
    @PersonalData
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One legal demand with each status it took")
    public LegalDemand get(@PathParam("agency") String agency, @PathParam("id") UUID id) {
        return records.demands().find(code(agency), id).orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Correct a DRAFT legal demand (409 once it is served or withdrawn)")
    public LegalDemand replace(@PathParam("agency") String agency, @PathParam("id") UUID id, @Valid @NotNull DemandForm form,
            @Context SecurityContext security) {
        return records.demands().replaceDraft(code(agency), id, caller(security), details(form)).orElseThrow(NotFoundException::new);
    }

    @POST
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Move a legal demand on: DRAFT -> SERVED | WITHDRAWN; SERVED -> FULFILLED | PARTIALLY_FULFILLED | "
            + "REFUSED | WITHDRAWN; PARTIALLY_FULFILLED -> FULFILLED. Anything else is 409 naming the current status")
    public LegalDemand changeStatus(@PathParam("agency") String agency, @PathParam("id") UUID id, @Valid @NotNull StatusForm form,
            @Context SecurityContext security) {
        return records.demands().changeStatus(code(agency), id, caller(security),
                new LegalDemands.StatusChange(form.status(), form.on(), form.issuedOn(), blankToNull(form.note())))
                .orElseThrow(NotFoundException::new);
    }

    private static LegalDemands.Details details(DemandForm form) {
        return new LegalDemands.Details(form.kind(), form.caseNumber().strip(), form.documentReference().strip(), form.vendor().strip(),
                form.scope().strip(), form.footageFrom(), form.footageTo(), form.issuedOn(), form.servedOn());
    }

    static String code(String agency) {
        return agency.toUpperCase(Locale.ROOT);
    }

    static UUID caller(SecurityContext security) {
        return Caller.of(security).orElseThrow(NotFoundException::new).account();
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
