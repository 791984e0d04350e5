package org.porchlight.rest.security;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;

import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.plugins.ScopedServices;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.AuthenticationException;
import org.porchlight.api.security.Authenticator;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.rest.problem.ProblemResponses;
import org.porchlight.rest.request.RequestCorrelation;
import org.porchlight.rest.request.RouteTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication, authorization, tenant isolation and the audit trail, in one place for every
 * resource of every bundle:
 * <ol>
 * <li>a bearer credential, if any, is turned into a {@link Caller} by the registered
 * {@link Authenticator}s; one that none accepts is a 401;</li>
 * <li>the matched method's declaration ({@link AccessRule}) is enforced: 401 without a caller,
 * 403 for a role it is not open to, and for any method that declares nothing;</li>
 * <li>on a route naming an agency, staff of another agency get 404, as if it did not exist;</li>
 * <li>a route of a plugin answers only for the agencies the platform's {@link PluginScope} says it
 * serves (the agency the path names, or none): an agency's own bundle only for that agency, a
 * plugin from the catalogue only for agencies that enabled it; others get 404. Until the scope is
 * there, only the REST core's own routes answer (503 for the rest);</li>
 * <li>every state-changing call, and every call of a method marked personal data, is appended to
 * the audit log with its outcome; a state-changing call is also appended, with the outcome
 * {@value #STARTED}, before it runs, so that no change outlives a crash unrecorded; while the log
 * is not running, or cannot write that first entry, such calls answer 503.</li>
 * </ol>
 */
@Component(service = {ContainerRequestFilter.class, ContainerResponseFilter.class})
@JakartarsExtension
@JakartarsName(AccessControl.NAME)
@Priority(Priorities.AUTHENTICATION)
public class AccessControl implements ContainerRequestFilter, ContainerResponseFilter {

    /** Whiteboard name; the problem-mapping feature requires it, so no resource runs without it. */
    public static final String NAME = "porchlight.access";

    private static final Logger LOG = LoggerFactory.getLogger(AccessControl.class);
    private static final String AUDIT_PROPERTY = "porchlight.audit";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    /** Outcome of the entry written before a change runs; its status follows in a second entry. */
    public static final String STARTED = "started";
    private static final java.util.regex.Pattern AGENCY_CODE = java.util.regex.Pattern.compile(Roles.AGENCY_CODE_PATTERN);

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<Authenticator> authenticators;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog auditLog;

    /**
     * Rules per resource class, kept with the class itself, so that a module updated or removed
     * at runtime takes its entries along when its class loader goes (a map keyed by Method here
     * would hold every old version of a hot-swapped module).
     */
    private static final ClassValue<Map<Method, AccessRule>> RULES = new ClassValue<>() {
        @Override
        protected Map<Method, AccessRule> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PluginScope pluginScope;

    private long ownBundle = -1;

    @Activate
    void activate(BundleContext context) {
        ownBundle = context.getBundle().getBundleId();
    }

    @Override
    public void filter(ContainerRequestContext request) {
        ExtendedUriInfo uri = (ExtendedUriInfo) request.getUriInfo();
        ResourceMethod matched = uri.getMatchedResourceMethod();
        if (matched == null || isJerseys(matched)) {
            return; // Jersey's own OPTIONS and HEAD answers: no resource code runs
        }
        Method handler = matched.getInvocable().getHandlingMethod();
        AccessRule rule = RULES.get(handler.getDeclaringClass()).computeIfAbsent(handler, AccessControl::ruleOf);
        Caller caller;
        try {
            caller = authenticate(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        } catch (AuthenticationException e) {
            LOG.debug("Credential refused: {}", e.getMessage());
            request.abortWith(unauthenticated(request, "The credential is not valid or has expired."));
            return;
        }
        if (caller != null) {
            request.setSecurityContext(new CallerSecurityContext(caller, request.getSecurityContext().isSecure()));
        }
        boolean audited = !SAFE_METHODS.contains(request.getMethod()) || rule.personalData();
        boolean open = rule.access() == AccessRule.Access.PUBLIC;
        if (!open && caller == null) {
            request.abortWith(unauthenticated(request, "Sign in to call this method."));
            return; // anonymous refusals are not audited: anybody could fill the log with them
        }
        request.setProperty(AUDIT_PROPERTY, audited); // refusals of signed-in callers are audited too
        if (!open) {
            if (!allowed(rule, caller)) {
                request.abortWith(ProblemResponses.of(Problem.of(ProblemType.FORBIDDEN,
                        "This method is not open to the role " + caller.role() + "."), request.getUriInfo()));
                return;
            }
            String agency = uri.getPathParameters().getFirst(Roles.AGENCY_PARAM);
            if (agency != null && caller.agency() != null && !caller.isStaffOf(agency)) {
                throw new NotFoundException(); // another tenant's resource: as if it did not exist
            }
        }
        Bundle module = FrameworkUtil.getBundle(handler.getDeclaringClass());
        if (module != null && module.getBundleId() != ownBundle) {
            PluginScope scope = pluginScope;
            if (scope == null) {
                request.abortWith(ProblemResponses.of(Problem.of(ProblemType.UNAVAILABLE,
                        "The server is starting its plugins; try again shortly."), request.getUriInfo()));
                return;
            }
            String agency = uri.getPathParameters().getFirst(Roles.AGENCY_PARAM);
            if (!scope.serves(Map.of(ScopedServices.BUNDLE_ID, module.getBundleId()),
                    agency == null ? null : agency.toUpperCase(Locale.ROOT))) {
                throw new NotFoundException(); // a plugin this agency does not use: as if it did not exist
            }
        }
        AuditLog log = auditLog;
        if (audited && log == null) {
            request.abortWith(ProblemResponses.of(Problem.of(ProblemType.UNAVAILABLE,
                    "The audit log is not running; changes are refused until it is."), request.getUriInfo()));
        } else if (audited && !SAFE_METHODS.contains(request.getMethod())) {
            // Write-ahead: a change may only happen once its attempt is on the record, so that a
            // crash between the change's commit and its outcome entry cannot leave it unrecorded.
            try {
                log.append(event(request, STARTED));
            } catch (RuntimeException e) {
                LOG.error("Audit entry could not be written before {} {} (request {}); the change is refused",
                        request.getMethod(), template(uri), RequestCorrelation.currentId(), e);
                request.setProperty(AUDIT_PROPERTY, false);
                request.abortWith(ProblemResponses.of(Problem.of(ProblemType.UNAVAILABLE,
                        "The audit log could not record this change, so nothing was changed; try again later."),
                        request.getUriInfo()));
            }
        }
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!Boolean.TRUE.equals(request.getProperty(AUDIT_PROPERTY))) {
            return;
        }
        AuditLog log = auditLog;
        if (log == null) {
            return; // the request was refused with 503 above, or the log left while it ran
        }
        AuditEvent event = event(request, Integer.toString(response.getStatus()));
        try {
            log.append(event);
        } catch (RuntimeException e) {
            // The change has happened (and its attempt is on the record); a 500 now would invite a retry that repeats it.
            LOG.error("Audit entry could not be written for {} (request {})", event.action(), event.requestId(), e);
        }
    }

    /** The entry for this request: who, on which route and tenant, with {@code outcome}. */
    private static AuditEvent event(ContainerRequestContext request, String outcome) {
        ExtendedUriInfo uri = (ExtendedUriInfo) request.getUriInfo();
        Optional<Caller> caller = Caller.of(request.getSecurityContext());
        MultivaluedMap<String, String> params = uri.getPathParameters();
        String named = params.getFirst(Roles.AGENCY_PARAM);
        // A path naming no possible agency (a probe, a typo) is recorded in the target, not as a tenant.
        String tenant = named != null && AGENCY_CODE.matcher(named).matches()
                ? named.toUpperCase(Locale.ROOT)
                : caller.map(Caller::agency).orElse(null);
        return new AuditEvent(caller.map(AccessControl::actor).orElse(AuditEvent.Actor.anonymous()), tenant,
                request.getMethod() + " " + template(uri), target(params), outcome, RequestCorrelation.currentId());
    }

    /** The rule for a method, as the OpenAPI document shows it. */
    public static AccessRule ruleOf(Method method) {
        AccessRule rule = AccessRule.of(method);
        if (rule.access() == AccessRule.Access.UNDECLARED) {
            LOG.warn("{}.{} declares no access (@RolesAllowed, @PermitAll or @DenyAll): it is refused to everybody",
                    method.getDeclaringClass().getName(), method.getName());
        }
        return rule;
    }

    private Caller authenticate(String authorization) throws AuthenticationException {
        if (authorization == null) {
            return null;
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
            throw new AuthenticationException("not a bearer credential");
        }
        String credential = authorization.substring(space + 1).trim();
        for (Authenticator authenticator : authenticators) {
            Optional<Caller> caller = authenticator.authenticate(credential);
            if (caller.isPresent()) {
                return caller.get();
            }
        }
        throw new AuthenticationException("no authenticator recognises the credential");
    }

    private static boolean allowed(AccessRule rule, Caller caller) {
        return rule.access() == AccessRule.Access.ROLES && rule.roles().contains(caller.role())
                && (caller.credential() != Caller.Credential.API_KEY || rule.apiKeys());
    }

    private static jakarta.ws.rs.core.Response unauthenticated(ContainerRequestContext request, String detail) {
        return ProblemResponses.builder(Problem.of(ProblemType.UNAUTHENTICATED, detail), request.getUriInfo())
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"porchlight\"").build();
    }

    private static boolean isJerseys(ResourceMethod method) {
        return method.getInvocable().getHandlingMethod().getDeclaringClass().getName().startsWith("org.glassfish.jersey.");
    }

    private static AuditEvent.Actor actor(Caller caller) {
        return caller.credential() == Caller.Credential.API_KEY
                ? AuditEvent.Actor.apiKey(caller.credentialId())
                : AuditEvent.Actor.account(caller.account(), caller.isResident());
    }

    /** The matched route as written in the resources, e.g. {@code /agencies/{agency}/staff}. */
    static String template(ExtendedUriInfo uri) {
        return RouteTemplate.of(uri);
    }

    private static String target(MultivaluedMap<String, String> params) {
        return new TreeMap<>(params).entrySet().stream()
                .map(e -> e.getKey() + "=" + String.join(",", e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
