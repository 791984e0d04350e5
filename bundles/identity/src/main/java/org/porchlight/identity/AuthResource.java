package org.porchlight.identity;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.ClientAddresses;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.security.SignInBlockedException;
import org.porchlight.api.security.TokenGrants;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/**
 * Sign-in and tokens, in the shape of an OAuth 2.0 token endpoint (RFC 6749): form-encoded
 * {@code grant_type=password} or {@code refresh_token}, answered with {@code access_token},
 * {@code expires_in} and a rotating {@code refresh_token}. Errors are problems; a wrong e-mail
 * and a wrong password look the same.
 */
@Component(service = AuthResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("auth")
public class AuthResource {

    static final ProblemType BAD_CREDENTIALS = ProblemType.named("invalid-credentials", "Sign-in failed", 401);

    /** The token response of RFC 6749 section 5.1. */
    public record TokenResponse(String access_token, String token_type, long expires_in, String refresh_token, String role,
            String agency) {
    }

    private final Tokens tokens;
    private final Grants grants;
    private final KeyRotations rotations;
    private final ClientAddresses addresses;

    @Activate
    public AuthResource(@Reference Tokens tokens, @Reference Grants grants, @Reference KeyRotations rotations,
            @Reference ClientAddresses addresses) {
        this.tokens = tokens;
        this.grants = grants;
        this.rotations = rotations;
        this.addresses = addresses;
    }

    @POST
    @Path("token")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Sign in (grant_type=password: username, password) or refresh (grant_type=refresh_token)")
    @ApiResponse(responseCode = "200", description = "The tokens, the caller's role and agency",
            content = @Content(schema = @Schema(implementation = TokenResponse.class)))
    @ApiResponse(responseCode = "429", description = "Too many attempts from this client; Retry-After says when to try again")
    public Response token(@FormParam("grant_type") @NotBlank String grantType,
            @FormParam("username") @Size(max = 320) String username, @FormParam("password") @Size(max = 1024) String password,
            @FormParam("refresh_token") @Size(max = 200) String refreshToken, @Context HttpServletRequest http) {
        TokenGrants.Grant grant = switch (grantType) {
            case "password" -> signIn(required("username", username), required("password", password), clientAddress(http));
            case "refresh_token" -> refresh(required("refresh_token", refreshToken));
            default -> throw new ProblemException(Problem.of(ProblemType.VALIDATION, "Unsupported grant_type.")
                    .withErrors(List.of(new Problem.FieldError("grant_type", "must be password or refresh_token"))));
        };
        Caller caller = grant.caller();
        return noStore(new TokenResponse(grant.accessToken(), "Bearer", tokens.lifetime().toSeconds(),
                grant.refreshToken(), caller.role(), caller.agency()));
    }

    private TokenGrants.Grant signIn(String email, String password, String address) {
        try {
            return grants.signIn(email, password, address);
        } catch (SignInBlockedException e) {
            long seconds = e.retryAfterSeconds(); // rounded up: never invite an early retry
            throw new ProblemException(ProblemType.TOO_MANY_ATTEMPTS, "Too many failed sign-ins; try again in " + seconds + " s.")
                    .withHeader("Retry-After", Long.toString(seconds));
        } catch (AuthenticationException e) {
            throw new ProblemException(BAD_CREDENTIALS, "The e-mail address or the password is wrong.");
        }
    }

    private TokenGrants.Grant refresh(String refreshToken) {
        return grants.refresh(refreshToken)
                .orElseThrow(() -> new ProblemException(BAD_CREDENTIALS, "The refresh token is not valid; sign in again."));
    }

    @POST
    @Path("logout")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(summary = "Sign out: revokes the refresh token and every token rotated from the same sign-in")
    public Response logout(@FormParam("refresh_token") @NotBlank @Size(max = 200) String refreshToken) {
        grants.signOut(refreshToken);
        return Response.noContent().build();
    }

    @GET
    @Path("jwks.json")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public keys that verify Porchlight's access tokens (RFC 7517)")
    public Map<String, Object> jwks() {
        return tokens.publicKeys().toJSONObject(true);
    }

    @POST
    @Path("keys/rotate")
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start signing with a new key; tokens signed with the old one stay valid until they expire. "
            + "At most one rotation per keyRotationMinutes (429 with Retry-After)")
    @ApiResponse(responseCode = "200", description = "The new key's id",
            content = @Content(schema = @Schema(implementation = RotatedKey.class)))
    @ApiResponse(responseCode = "429", description = "Too many attempts; Retry-After says when to try again")
    public RotatedKey rotate() {
        return new RotatedKey(rotations.rotate());
    }

    /** @param kid the id of the key that signs from now on, as tokens' {@code kid} header names it */
    public record RotatedKey(String kid) {
    }

    /** The client's address as the REST core's trusted proxies tell it: X-Forwarded-For counts only from them. */
    private String clientAddress(HttpServletRequest http) {
        return addresses.resolve(http.getRemoteAddr(), Collections.list(http.getHeaders(ClientAddresses.FORWARDED_FOR)));
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(Problem.of(ProblemType.VALIDATION, "The form needs " + field + ".")
                    .withErrors(List.of(new Problem.FieldError(field, "must not be blank"))));
        }
        return value;
    }

    private static Response noStore(Object entity) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(entity).cacheControl(noStore).header("Pragma", "no-cache").build();
    }
}
