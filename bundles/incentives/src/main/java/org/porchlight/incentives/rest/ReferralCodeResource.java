package org.porchlight.incentives.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.constraints.Size;
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
import org.porchlight.api.incentives.Referrals;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.incentives.Programmes;

import io.swagger.v3.oas.annotations.Operation;

/** For sign-up forms: whether a referral code can be used, and whose programme it belongs to. */
@Component(service = ReferralCodeResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("public/referral-codes/{code}")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
public class ReferralCodeResource {

    private final Programmes programmes;

    @Activate
    public ReferralCodeResource(@Reference Programmes programmes) {
        this.programmes = programmes;
    }

    @GET
    @Operation(summary = "The code's agency, partner and end date if it can be used now; 404, 409 or 410 naming why not")
    public Referrals.CodeCheck check(@PathParam("code") @Size(max = 32) String code) {
        return programmes.check(code);
    }
}
