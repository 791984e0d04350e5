package org.porchlight.audit.rest;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.Path;
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
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.audit.AuditVerification;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.store.Database;
import org.porchlight.audit.store.AuditTables;

import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code /api/audit}: the chain's entries, page by page, its verification, for agency and
 * platform administrators, and its export, for platform administrators. An agency administrator sees only entries of their own agency: a
 * {@code tenant} naming another agency filters everything out (an empty page, the same answer
 * as for an agency without entries, so it tells nothing about other agencies).
 */
@Component(service = AuditResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("audit")
public class AuditResource {

    /**
     * One page of entries.
     *
     * @param entries the entries in sequence order
     * @param next    the {@code after} of the next page, absent once the last page is reached
     */
    public record AuditPage(List<AuditEntry> entries, Long next) {
    }

    private final Database database;
    private final AuditLog auditLog;

    @Activate
    public AuditResource(@Reference Database database, @Reference AuditLog auditLog) {
        this.database = database;
        this.auditLog = auditLog;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
    @Operation(summary = "One page of audit entries in sequence order (after=, limit= at most 1000); agency administrators see "
            + "their agency's only")
    public AuditPage entries(@QueryParam("tenant") @Size(min = 1, max = 64) String tenant,
            @QueryParam("after") @DefaultValue("0") @PositiveOrZero long after,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit,
            @Context SecurityContext security) {
        Caller caller = administrator(security);
        String scope;
        if (caller.hasRole(Roles.PLATFORM_ADMIN)) {
            scope = tenant == null ? null : canonical(tenant);
        } else if (tenant == null || caller.isStaffOf(tenant.strip())) {
            scope = canonical(caller.agency());
        } else {
            return new AuditPage(List.of(), null);
        }
        List<AuditEntry> entries = database.withConnection(c -> AuditTables.page(c, scope, after, limit));
        Long next = entries.size() == limit ? entries.get(entries.size() - 1).sequence() : null;
        return new AuditPage(entries, next);
    }

    @GET
    @Path("verify")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
    @Operation(summary = "Verify the whole hash chain: whether every entry's hash covers the one before it")
    public AuditVerification verify(@Context SecurityContext security) {
        administrator(security);
        return auditLog.verify();
    }

    /**
     * The whole chain as one JSON document to keep and check offline ({@code bin/porchlight
     * verify-audit}). Platform administrators only: an agency's share of the entries cannot be
     * checked as a chain, since each entry's hash covers the one before it whatever its agency.
     */
    @GET
    @Path("export")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(summary = "The whole chain as one JSON document, to keep and check offline (bin/porchlight verify-audit)")
    public Response export(@Context SecurityContext security) {
        Caller caller = administrator(security);
        if (!caller.hasRole(Roles.PLATFORM_ADMIN)) {
            throw new ForbiddenException();
        }
        return Response.ok(new LogExport(database))
                .header("Content-Disposition", "attachment; filename=\"porchlight-audit.json\"").build();
    }

    /**
     * The caller, who must be an administrator. The REST core refuses everybody else before the
     * method runs; this second check stays because the tenant scope is derived from the caller,
     * and an unscoped read must never follow from a missing caller.
     */
    private static Caller administrator(SecurityContext security) {
        Caller caller = Caller.of(security).orElseThrow(() -> new NotAuthorizedException("Bearer"));
        if (!caller.hasRole(Roles.AGENCY_ADMIN) && !caller.hasRole(Roles.PLATFORM_ADMIN)) {
            throw new ForbiddenException();
        }
        return caller;
    }

    /** Tenants are stored upper-case (agency codes are case-insensitive). */
    private static String canonical(String tenant) {
        return tenant.strip().toUpperCase(Locale.ROOT);
    }
}
