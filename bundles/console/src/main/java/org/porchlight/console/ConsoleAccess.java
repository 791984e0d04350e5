package org.porchlight.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.apache.felix.webconsole.spi.SecurityProvider;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.rest.ClientAddresses;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Authenticator;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.PasswordSignIn;
import org.porchlight.api.security.SignInBlockedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web console's security provider: every console request, its pages, scripts and images
 * alike, passes here before the console sees it. Platform admins get in, with their e-mail address
 * and password (HTTP Basic, which a browser asks for) or an access token ({@code Bearer}, as the
 * REST API takes it); nobody else does. The console requires this provider by its id (framework
 * property {@code felix.webconsole.security.providers}), which also keeps its built-in
 * {@code admin}/{@code admin} account from ever working; while this provider is not running the
 * console is not served.
 */
@Component(service = SecurityProvider.class, configurationPid = ConsoleConfiguration.PID,
        property = {SecurityProvider.PROPERTY_ID + "=" + ConsoleAccess.PROVIDER_ID,
                // The platform's rule wins over any other provider a plugin might register.
                Constants.SERVICE_RANKING + ":Integer=" + Integer.MAX_VALUE})
@Designate(ocd = ConsoleConfiguration.class)
public class ConsoleAccess implements SecurityProvider {

    /** The id {@code felix.webconsole.security.providers} in {@code etc/config.properties} names. */
    public static final String PROVIDER_ID = "porchlight";

    /**
     * Also the console's own {@code realm} (etc/org.apache.felix.webconsole.internal.servlet.OsgiManager.cfg), for its
     * logout.
     */
    static final String REALM = "Porchlight console";
    /** The most of a refused request's body read to end the connection cleanly (the console's own forms are small). */
    static final long DISCARD_LIMIT = 1024 * 1024;

    static final String SIGN_IN = "console.sign-in";
    static final String CHANGE = "console.change";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleAccess.class);

    /** Accounts remembered for the sign-in audit; beyond it, those idle longest are forgotten first. */
    private static final int MAX_VISITORS = 10_000;

    private final ClientAddresses addresses;
    private final Clock clock = Clock.systemUTC();
    private final VerifiedPasswords verified;
    private final PasswordCallers passwordCallers;
    /** When each account last used the console, to tell a new sign-in from the next request of a visit. */
    private final Map<UUID, Instant> lastSeen = new ConcurrentHashMap<>();
    private volatile Duration visitGap;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<Authenticator> authenticators;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog auditLog;

    @Activate
    public ConsoleAccess(@Reference PasswordSignIn passwords, @Reference ClientAddresses addresses, ConsoleConfiguration config) {
        this.addresses = addresses;
        this.verified = new VerifiedPasswords(Duration.ofSeconds(Math.max(0, config.passwordCacheSeconds())), clock);
        this.passwordCallers = new PasswordCallers(passwords, verified);
        this.visitGap = Duration.ofMinutes(Math.max(0, config.signInAuditMinutes()));
    }

    @Modified
    void modified(ConsoleConfiguration config) {
        verified.lifetime(Duration.ofSeconds(Math.max(0, config.passwordCacheSeconds())));
        visitGap = Duration.ofMinutes(Math.max(0, config.signInAuditMinutes()));
    }

    @Override
    public Object authenticate(HttpServletRequest request, HttpServletResponse response) {
        Caller caller;
        try {
            // Failed passwords count against the client's address as the REST core's trusted proxies tell it.
            caller = caller(request.getHeader("Authorization"), addresses.resolve(request.getRemoteAddr(),
                    Collections.list(request.getHeaders(ClientAddresses.FORWARDED_FOR))));
        } catch (SignInBlockedException e) {
            long seconds = e.retryAfterSeconds();
            response.setHeader("Retry-After", Long.toString(seconds));
            answer(request, response, 429, "Too many failed sign-ins; try again in " + seconds + " s.");
            return null;
        } catch (AuthenticationException e) {
            LOG.debug("Console credential refused: {}", e.getMessage());
            challenge(request, response);
            return null;
        } catch (RuntimeException e) { // e.g. the database is down: say so, without the console's error page
            LOG.warn("Console sign-in could not be checked", e);
            answer(request, response, 503, "Sign-in cannot be checked right now; try again shortly.");
            return null;
        }
        if (caller == null) {
            challenge(request, response);
            return null;
        }
        if (!PasswordCallers.isPlatformAdmin(caller)) {
            recordVisit(caller, "403");
            answer(request, response, 403, "The console is open to platform admins only.");
            return null;
        }
        Optional<String> refusal = ChangeRequests.refusal(request);
        if (refusal.isPresent()) {
            LOG.info("Console refused {} {} by account {}: {}", request.getMethod(), request.getPathInfo(), caller.account(),
                    refusal.get());
            answer(request, response, 403, refusal.get());
            return null;
        }
        recordVisit(caller, "200");
        if (ChangeRequests.isChange(request) && !recordChange(caller, request)) {
            answer(request, response, 503, "The audit log is not running; changes are refused until it is.");
            return null;
        }
        return caller;
    }

    /** Platform admins may do whatever the console offers (less what {@link ChangeRequests} refuses). */
    @Override
    public boolean authorize(Object user, String role) {
        return user instanceof Caller caller && PasswordCallers.isPlatformAdmin(caller);
    }

    @Override
    public void logout(HttpServletRequest request, HttpServletResponse response) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && scheme(authorization).equalsIgnoreCase("Basic")) {
            passwordCallers.forget(value(authorization)); // the browser's next request checks the password again
        }
    }

    /** The caller the credential names; {@code null} without one. */
    private Caller caller(String authorization, String address) throws AuthenticationException {
        if (authorization == null || authorization.isBlank()) {
            return null;
        }
        String scheme = scheme(authorization);
        String value = value(authorization);
        if (scheme.equalsIgnoreCase("Basic")) {
            return passwordCallers.caller(value, address);
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            for (Authenticator authenticator : authenticators) {
                Optional<Caller> caller = authenticator.authenticate(value);
                if (caller.isPresent()) {
                    return caller.get();
                }
            }
            throw new AuthenticationException("no authenticator recognises the bearer credential");
        }
        throw new AuthenticationException("unsupported authorization scheme");
    }

    /**
     * Appends a console sign-in to the audit log when the account comes after a gap: a browser
     * repeats the password on every request, so a request is not a sign-in.
     */
    private void recordVisit(Caller caller, String outcome) {
        Instant now = clock.instant();
        Instant previous = lastSeen.put(caller.account(), now);
        if (previous != null && previous.isAfter(now.minus(visitGap))) {
            return;
        }
        if (lastSeen.size() > MAX_VISITORS) {
            lastSeen.values().removeIf(seen -> seen.isBefore(now.minus(visitGap)));
        }
        AuditLog log = auditLog;
        if (log == null) {
            LOG.warn("Console sign-in of account {} ({}) not recorded: the audit log is not running", caller.account(), outcome);
            return;
        }
        try {
            log.append(new AuditEvent(AuditEvent.Actor.account(caller.account(), caller.isResident()), caller.agency(), SIGN_IN,
                    "credential=" + caller.credential().name().toLowerCase(java.util.Locale.ROOT), outcome, null));
        } catch (RuntimeException e) {
            LOG.error("Console sign-in of account {} ({}) could not be recorded in the audit log", caller.account(), outcome, e);
        }
    }

    /**
     * Appends a change about to be made through the console (its outcome is the console's, after
     * this provider has let the request through), as the REST core records changes through the
     * API. Without the audit log no change is let through.
     */
    private boolean recordChange(Caller caller, HttpServletRequest request) {
        AuditLog log = auditLog;
        if (log == null) {
            return false;
        }
        String action = request.getParameter("action"); // the bundles and system pages name what they do
        String target = "path=" + request.getPathInfo() + (action == null ? "" : " action=" + action);
        try {
            log.append(new AuditEvent(AuditEvent.Actor.account(caller.account(), false), null, CHANGE, target,
                    "passed to the console", null));
            return true;
        } catch (RuntimeException e) {
            LOG.error("Console change by account {} not recorded in the audit log, so refused", caller.account(), e);
            return false;
        }
    }

    private static String scheme(String authorization) {
        String trimmed = authorization.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static String value(String authorization) {
        String trimmed = authorization.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? "" : trimmed.substring(space + 1).trim();
    }

    private static void challenge(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        answer(request, response, 401, "Sign in with a platform admin's e-mail address and password.");
    }

    /** A short plain-text answer; nothing of the console. */
    private static void answer(HttpServletRequest request, HttpServletResponse response, int status, String text) {
        discardBody(request);
        try {
            byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("text/plain;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.flushBuffer();
        } catch (IOException e) {
            LOG.debug("Console answer {} not sent: {}", status, e.getMessage());
        }
    }

    /**
     * Reads and drops what is left of a refused request's body (up to {@link #DISCARD_LIMIT}), so that the
     * connection ends cleanly: a socket closed with unread data in it is reset, and the client can lose the
     * answer that was already sent (an upload refused at once arrived as "EOF reached while reading").
     */
    private static void discardBody(HttpServletRequest request) {
        long length = request.getContentLengthLong();
        if (length <= 0 || length > DISCARD_LIMIT) {
            return;
        }
        try (InputStream body = request.getInputStream()) {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException | IllegalStateException e) {
            // read already, or the client went: nothing to drop
        }
    }
}
