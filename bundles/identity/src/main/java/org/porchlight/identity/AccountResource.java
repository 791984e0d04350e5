package org.porchlight.identity;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import org.porchlight.api.rest.ClientAddresses;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PersonalData;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Residents' sign-up (throttled per client network, with a verification mail), activation of invited
 * accounts, the first platform admin, and "who am I".
 */
@Component(service = AccountResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("")
public class AccountResource {

    /** {@code referralCode} is optional: a code that does not apply never fails the sign-up. */
    public record SignUp(@NotBlank @Email @Size(max = 320) String email, @NotBlank @Size(max = 1024) String password,
            @NotBlank @Size(max = 200) String displayName, @Size(max = 32) String referralCode) {
    }

    public record Activation(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 1024) String password) {
    }

    public record Setup(@NotBlank @Size(max = 200) String setupToken, @NotBlank @Email @Size(max = 320) String email,
            @NotBlank @Size(max = 1024) String password, @NotBlank @Size(max = 200) String displayName) {
    }

    /** The owner's profile; {@code phone} and {@code language} may be empty (not given; the browser's language). */
    public record ProfileUpdate(@NotBlank @Size(max = 200) String displayName, @Size(max = 40) String phone,
            @Size(max = 8) String language) {
    }

    public record PasswordChange(@NotBlank @Size(max = 1024) String currentPassword,
            @NotBlank @Size(max = 1024) String newPassword) {
    }

    private final Directory directory;
    private final SignUps signUps;
    private final ClientAddresses addresses;
    private final Profiles profiles;
    private final Passwords passwords;

    @Activate
    public AccountResource(@Reference Directory directory, @Reference SignUps signUps, @Reference ClientAddresses addresses,
            @Reference Profiles profiles, @Reference Passwords passwords) {
        this.directory = directory;
        this.signUps = signUps;
        this.addresses = addresses;
        this.profiles = profiles;
        this.passwords = passwords;
    }

    @POST
    @Path("accounts")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A resident signs up; the answer is the same whether or not the address had an account. A mail "
            + "to the address holds the link that verifies it. At most signUpsPerAddress per client network and window "
            + "(429 with Retry-After)")
    @ApiResponse(responseCode = "202", description = "Taken: the same answer whether or not the address had an account",
            content = @Content(schema = @Schema(implementation = StatusMessage.class)))
    @ApiResponse(responseCode = "429", description = "Too many attempts from this client; Retry-After says when to try again")
    public Response signUp(@Valid @NotNull SignUp form, @Context HttpServletRequest http) {
        signUps.signUp(client(http), form.email(), form.password(), form.displayName(), form.referralCode());
        return Response.accepted(new StatusMessage("If this address had no account, it has one now: sign in with it. "
                + "We sent a mail to the address; the link in it confirms the address.")).build();
    }

    @POST
    @Path("accounts/activate")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Activate an invited account (staff, vendor) with its one-time token and a new password")
    public Account activate(@Valid @NotNull Activation form) {
        return directory.activate(form.token(), form.password());
    }

    @GET
    @Path("setup")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Whether the server still needs its first platform admin")
    public Map<String, Boolean> setupNeeded() {
        return Map.of("required", !directory.hasPlatformAdmin());
    }

    @POST
    @Path("setup")
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create the first platform admin with the one-time token printed at start-up")
    public Response setup(@Valid @NotNull Setup form) {
        Account admin = directory.createFirstAdmin(form.setupToken(), form.email(), form.password(), form.displayName());
        return Response.created(URI.create("me")).entity(admin).build();
    }

    @GET
    @Path("me")
    @RolesAllowed({Roles.RESIDENT, Roles.OFFICER, Roles.SUPERVISOR, Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR,
            Roles.PLATFORM_ADMIN})
    @PersonalData
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The signed-in account")
    public Account me(@Context SecurityContext security) {
        Caller caller = Caller.of(security).orElseThrow(NotFoundException::new);
        if (caller.credential() == Caller.Credential.EXTERNAL_TOKEN) {
            // Known to its agency's identity provider, not to Porchlight's directory.
            return new Account(caller.account(), caller.role(), caller.agency(), null, null, "EXTERNAL", null, null, null, null);
        }
        return directory.account(caller.account()).orElseThrow(NotFoundException::new);
    }

    @PUT
    @Path("me")
    @RolesAllowed({Roles.RESIDENT, Roles.OFFICER, Roles.SUPERVISOR, Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR,
            Roles.PLATFORM_ADMIN})
    @PersonalData
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the signed-in account's profile: display name, phone (optional), portal language (en, es "
            + "or empty for the browser's). The e-mail address stays")
    public Account updateProfile(@Valid @NotNull ProfileUpdate form, @Context SecurityContext security) {
        return profiles.update(ownAccount(security), form.displayName(), form.phone(), form.language());
    }

    @POST
    @Path("me/password")
    @RolesAllowed({Roles.RESIDENT, Roles.OFFICER, Roles.SUPERVISOR, Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR,
            Roles.PLATFORM_ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change the signed-in account's password, giving the current one (a wrong one counts as a failed "
            + "sign-in: 400 wrong-current-password, 429 once blocked). Every sign-in of the account ends, this one "
            + "included: sign in again with the new password")
    public Response changePassword(@Valid @NotNull PasswordChange form, @Context SecurityContext security,
            @Context HttpServletRequest http) {
        passwords.change(ownAccount(security), form.currentPassword(), form.newPassword(), client(http));
        return Response.noContent().build();
    }

    /** The caller's own Porchlight account; one known only to an agency's identity provider has no profile here. */
    private static UUID ownAccount(SecurityContext security) {
        Caller caller = Caller.of(security).orElseThrow(NotFoundException::new);
        if (caller.credential() == Caller.Credential.EXTERNAL_TOKEN) {
            throw new NotFoundException();
        }
        return caller.account();
    }

    private String client(HttpServletRequest http) {
        return addresses.resolve(http.getRemoteAddr(), Collections.list(http.getHeaders(ClientAddresses.FORWARDED_FOR)));
    }
}
