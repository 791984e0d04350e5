package org.porchlight.transparency;

import java.time.Clock;
import java.time.YearMonth;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;

import io.swagger.v3.oas.annotations.Operation;

/**
 * {@code GET /api/public/agencies/{code}/transparency}: open to everybody, no sign-in. The path
 * parameter is {@code code}, not {@code agency}, on purpose: the REST core's tenant check (staff
 * of other agencies get 404) applies to {@code {agency}} and has no place on a public page.
 */
@Component(service = TransparencyResource.class, configurationPid = TransparencyConfiguration.PID)
@Designate(ocd = TransparencyConfiguration.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("public/agencies/{code}/transparency")
public class TransparencyResource {

    /** How long caches may keep a page that lacks a section, so the gap closes soon. */
    static final int INCOMPLETE_MAX_AGE_SECONDS = 30;

    private final Agencies agencies;
    private final TransparencyPages pages;
    private final TransparencyConfiguration config;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public TransparencyResource(@Reference Agencies agencies, @Reference TransparencyPages pages, TransparencyConfiguration config) {
        this.agencies = agencies;
        this.pages = pages;
        this.config = config;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "An agency's transparency page: per month (in the agency's time zone), footage requests, legal demands, "
            + "emergency requests and whatever else the installed modules publish; aggregates only. from/to: YYYY-MM, "
            + "default the last 12 months")
    public Response page(@PathParam("code") String code, @QueryParam("from") String from, @QueryParam("to") String to) {
        AgencyProfile agency = (code.matches(Roles.AGENCY_CODE_PATTERN) ? agencies.find(code) : java.util.Optional.<AgencyProfile>empty())
                .orElseThrow(NotFoundException::new);
        YearMonth current = YearMonth.now(clock.withZone(agency.zone()));
        MonthRange range = MonthRange.of(from, to, current, config.defaultMonths(), Math.max(1, config.maxMonths()));
        TransparencyPage page = pages.page(agency, range, clock.instant());
        int maxAge = Math.max(0, config.maxAgeSeconds());
        if (!page.complete()) {
            maxAge = Math.min(INCOMPLETE_MAX_AGE_SECONDS, maxAge);
        }
        return Response.ok(page).header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + maxAge).build();
    }
}
