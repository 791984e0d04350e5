package org.porchlight.registry;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import jakarta.annotation.security.RolesAllowed;
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
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.mail.MailMessage;
import org.porchlight.api.mail.Mailer;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.swagger.v3.oas.annotations.Operation;

/**
 * A resident claims the registrations a source (e.g. a city's WatchKC programme) imported under
 * their e-mail address: ask for a code, which is mailed to that address, then redeem it. The
 * answer to the request is the same whether or not the address has registrations.
 */
@Component(service = ClaimResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("registry/claims")
@RolesAllowed(Roles.RESIDENT)
public class ClaimResource {

    static final ProblemType INVALID_CODE = ProblemType.named("invalid-claim-code", "Invalid claim code", 422);
    private static final Logger LOG = LoggerFactory.getLogger(ClaimResource.class);

    /** The address a source has on file for the resident's registrations. */
    public record ClaimRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    /** The code from the e-mail. */
    public record Redemption(@NotBlank @Size(max = 32) String code) {
    }

    private final Registry registry;
    /** Sends in the background, so the answer takes as long whether there is mail to send or not. */
    private final ExecutorService sending = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "porchlight-registry-claim-mail");
        thread.setDaemon(true);
        return thread;
    });

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Mailer mailer;

    @Activate
    public ClaimResource(@Reference Registry registry) {
        this.registry = registry;
    }

    @Deactivate
    void deactivate() {
        sending.shutdown();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Ask for a code, sent to this address, to claim the imported registrations it has (same answer either way)")
    public Response request(@Valid @NotNull ClaimRequest form, @Context SecurityContext security) {
        Mailer delivery = mailer;
        if (delivery == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "E-mail is not configured on this server, so claims cannot be verified.");
        }
        UUID account = Caller.of(security).orElseThrow().account();
        Claims.Opened opened = registry.claims().open(account, form.email()).orElseThrow(() -> new ProblemException(
                ProblemType.TOO_MANY_ATTEMPTS, "Too many claims for this account or address today; try again tomorrow.")
                .withHeader("Retry-After", Long.toString(java.time.Duration.ofDays(1).toSeconds())));
        if (opened.anything()) {
            sending.execute(() -> send(delivery, opened));
        }
        return Response.accepted(Map.of("status", "If registrations were imported under this address, a code is on its way "
                + "to it. It is valid for 24 hours.")).build();
    }

    @POST
    @Path("confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Redeem a claim code: the address's imported registrations become the caller's")
    public Map<String, Object> confirm(@Valid @NotNull Redemption form, @Context SecurityContext security) {
        UUID account = Caller.of(security).orElseThrow().account();
        List<UUID> claimed = registry.claims().redeem(account, form.code()).orElseThrow(() -> new ProblemException(INVALID_CODE,
                "This code is not valid for your account, has expired, or was tried too often; ask for a new one."));
        return Map.of("claimed", claimed.size(), "registrations", claimed);
    }

    private static void send(Mailer delivery, Claims.Opened opened) {
        try {
            delivery.send(new MailMessage(opened.email(), "Your Porchlight claim code", """
                    Someone signed in to Porchlight asked to claim the camera registrations that a
                    camera programme holds under this address.

                    If that was you, enter this code in Porchlight within 24 hours:

                        %s

                    If it was not you, ignore this message: nothing changes without the code.
                    """.formatted(opened.code())));
        } catch (RuntimeException e) {
            // Neither the address nor the code: both are secrets of the claimant.
            LOG.warn("A claim code could not be sent: {}", e.getMessage());
        }
    }
}
