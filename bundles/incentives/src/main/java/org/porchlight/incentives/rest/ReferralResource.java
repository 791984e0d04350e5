package org.porchlight.incentives.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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
import org.porchlight.api.incentives.Referrals;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.incentives.Programmes;

import io.swagger.v3.oas.annotations.Operation;

/** A resident who signed up without a code enters one within the grace period. */
@Component(service = ReferralResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("me/referral")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.RESIDENT)
public class ReferralResource {

    static final ProblemType NOT_ATTRIBUTED = ProblemType.named("not-attributed", "No referral code", 404);

    public record Entered(@NotBlank @Size(max = 32) String code) {
    }

    private final Programmes programmes;
    private final Accounts accounts;

    @Activate
    public ReferralResource(@Reference Programmes programmes, @Reference Accounts accounts) {
        this.programmes = programmes;
        this.accounts = accounts;
    }

    @GET
    @Operation(summary = "The referral code the resident's sign-up is attributed to, if any (404 if none), and whether it "
            + "counts yet (PENDING until the resident's e-mail address is verified, then COUNTED)")
    public Programmes.Held get(@Context SecurityContext security) {
        return programmes.attributionOf(Caller.of(security).orElseThrow().account())
                .orElseThrow(() -> new ProblemException(NOT_ATTRIBUTED, "Your sign-up is not attributed to a referral code."));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Attribute the resident's sign-up to a referral code, once, within the grace period")
    public Response enter(@Valid @NotNull Entered entered, @Context SecurityContext security) {
        Caller caller = Caller.of(security).orElseThrow();
        Accounts.Account account = accounts.find(caller.account())
                .orElseThrow(() -> new ProblemException(ProblemType.UNAVAILABLE, "Your account cannot be read right now."));
        return Response.status(Response.Status.CREATED).entity(programmes.attribute(caller.account(), account.createdAt(), entered.code()))
                .build();
    }
}
