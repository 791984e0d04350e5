package org.porchlight.identity;

import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
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
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** A resident confirms their e-mail address with the token mailed to it, or asks for another mail. */
@Component(service = EmailVerificationResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("auth/verify-email")
@Produces(MediaType.APPLICATION_JSON)
public class EmailVerificationResource {

    public record Verification(@NotBlank @Size(max = 200) String token) {
    }

    private final EmailVerifications verifications;
    private final SignUps signUps;

    @Activate
    public EmailVerificationResource(@Reference EmailVerifications verifications, @Reference SignUps signUps) {
        this.verifications = verifications;
        this.signUps = signUps;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Verify the e-mail address with the token from the mail; each token works once, within "
            + "verificationHours (400 invalid-verification-link otherwise)")
    public Map<String, Object> verify(@Valid @NotNull Verification form) {
        verifications.verify(form.token());
        return Map.of("verified", true);
    }

    @POST
    @Path("resend")
    @RolesAllowed(Roles.RESIDENT)
    @Operation(summary = "Mail another verification link to the signed-in resident's address; at most verificationResends "
            + "per window (429 with Retry-After), 409 if verified already")
    @ApiResponse(responseCode = "202", description = "A new link is on its way",
            content = @Content(schema = @Schema(implementation = StatusMessage.class)))
    @ApiResponse(responseCode = "429", description = "Too many attempts; Retry-After says when to try again")
    @ApiResponse(responseCode = "409", description = "The address is verified already")
    public Response resend(@Context SecurityContext security) {
        try {
            signUps.resend(Caller.of(security).orElseThrow().account());
        } catch (ProblemException e) {
            if (e.problem().status() == 404) {
                throw new NotFoundException();
            }
            throw e;
        }
        return Response.accepted(new StatusMessage("A new link is on its way to your address.")).build();
    }
}
