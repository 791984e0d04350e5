package org.porchlight.identity;

import java.util.Collections;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.rest.ClientAddresses;
import org.porchlight.api.rest.RestExtensions;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** A forgotten password: ask for a link by e-mail (the same answer for any address), then set a new password with it. */
@Component(service = PasswordResetResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("auth/password-reset")
@Produces(MediaType.APPLICATION_JSON)
public class PasswordResetResource {

    /** The answer to every accepted request, whatever the address. */
    static final String SENT = "If this address belongs to an active account, a mail with a link that sets a new password "
            + "is on its way to it.";

    public record ResetRequest(@NotBlank @Email @Size(max = 320) String email) {
    }

    public record Reset(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 1024) String password) {
    }

    private final Passwords passwords;
    private final ClientAddresses addresses;

    @Activate
    public PasswordResetResource(@Reference Passwords passwords, @Reference ClientAddresses addresses) {
        this.passwords = passwords;
        this.addresses = addresses;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Mail a password reset link to the address; the answer (202) is the same whether or not it has an "
            + "account. At most passwordResetsPerAddress per client network and window (429 with Retry-After); 503 "
            + "without e-mail")
    @ApiResponse(responseCode = "202", description = "Taken: the same answer whether or not the address has an account",
            content = @Content(schema = @Schema(implementation = StatusMessage.class)))
    @ApiResponse(responseCode = "429", description = "Too many attempts; Retry-After says when to try again")
    public Response request(@Valid @NotNull ResetRequest form, @Context HttpServletRequest http) {
        passwords.request(addresses.resolve(http.getRemoteAddr(),
                Collections.list(http.getHeaders(ClientAddresses.FORWARDED_FOR))), form.email());
        return Response.accepted(new StatusMessage(SENT)).build();
    }

    @POST
    @Path("confirm")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set a new password with the token from the mail; each token works once, within "
            + "passwordResetMinutes (400 invalid-reset-link otherwise). Every sign-in of the account ends")
    public Response confirm(@Valid @NotNull Reset form) {
        passwords.reset(form.token(), form.password());
        return Response.noContent().build();
    }
}
