package org.porchlight.requests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.plugins.ScopedServices;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.requests.PolicyContext;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.requests.PolicyViolation;
import org.porchlight.api.requests.RequestDraft;
import org.porchlight.api.requests.RequestPolicy;
import org.porchlight.api.tenancy.AgencyProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default policy with each agency's limits, plus every {@link RequestPolicy} service that
 * applies to the agency: one the platform's {@link PluginScope} lets serve it (a plugin the agency
 * enabled; this bundle's own always) and, if it names one with {@link RequestPolicy#AGENCY}, only
 * that agency. Policies come and go with their bundles; a policy that fails refuses the request
 * rather than letting it through.
 */
@Component(service = Policies.class, configurationPid = RequestsConfiguration.PID)
@Designate(ocd = RequestsConfiguration.class)
public class Policies {

    static final ProblemType POLICY_UNAVAILABLE = ProblemType.named("policy-unavailable", "Request policy unavailable", 503);
    private static final Logger LOG = LoggerFactory.getLogger(Policies.class);

    private volatile RequestsConfiguration config;
    private final ScopedServices<RequestPolicy> extra;
    private static final int MAX_AGENCIES_KEPT = 1_000;
    private final Map<String, Built> rules = new ConcurrentHashMap<>();

    @Activate
    public Policies(RequestsConfiguration config, BundleContext context) {
        this(config, context.getBundle().getBundleId());
    }

    /** @param ownBundle this bundle's id: its own policies serve every agency */
    Policies(RequestsConfiguration config, long ownBundle) {
        this.config = config;
        this.extra = new ScopedServices<>(ownBundle);
    }

    /** New limits apply to the next check; the workflow and its routes keep running meanwhile. */
    @Modified
    void modified(RequestsConfiguration changed) {
        this.config = changed;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addPolicy(RequestPolicy policy, Map<String, Object> properties) {
        extra.add(policy, properties);
    }

    void removePolicy(RequestPolicy policy) {
        extra.remove(policy);
    }

    /** Without a scope (the platform's plugins bundle away) only this bundle's own policies serve. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setScope(PluginScope scope) {
        extra.scope(scope);
    }

    /** A greedy reference binds the better scope before it unbinds the one it replaces. */
    void unsetScope(PluginScope gone) {
        extra.unscope(gone);
    }

    /** The extra policies that apply to the agency now: serving it, and for it if they name one agency. */
    List<RequestPolicy> applying(String agency) {
        return extra.forAgency(agency).stream().filter(e -> namesNoneOr(e.properties().get(RequestPolicy.AGENCY), agency))
                .map(ScopedServices.Entry::service).toList();
    }

    private static boolean namesNoneOr(Object named, String agency) {
        return named == null || String.valueOf(named).isEmpty() || String.valueOf(named).equalsIgnoreCase(agency);
    }

    /**
     * The agency's rules, built again only when the configuration or the agency's policy settings
     * changed: every request page's preview and every draft needs them, and building them folds
     * the lawful-activity terms.
     */
    AgencyRules rules(AgencyProfile agency) {
        RequestsConfiguration current = config;
        Map<String, Object> policy = agency.policy() == null ? Map.of() : agency.policy();
        Built built = rules.get(agency.code());
        if (built == null || built.config() != current || !built.policy().equals(policy)) {
            if (rules.size() >= MAX_AGENCIES_KEPT) {
                rules.clear();
            }
            built = new Built(current, policy, AgencyRules.of(current, policy));
            rules.put(agency.code(), built);
        }
        return built.rules();
    }

    /** An agency's rules and what they were built from. */
    private record Built(RequestsConfiguration config, Map<String, Object> policy, AgencyRules rules) {
    }

    PolicyDecision evaluate(RequestDraft draft, PolicyContext context) {
        PolicyDecision base = DefaultPolicy.evaluate(draft, context, rules(context.agency()));
        List<PolicyViolation> violations = new ArrayList<>(base.violations());
        List<String> approvals = new ArrayList<>();
        if (base.needsApproval()) {
            approvals.add(base.approvalReason());
        }
        for (RequestPolicy policy : applying(draft.agency())) {
            PolicyDecision decision;
            try {
                decision = policy.evaluate(draft, context);
            } catch (RuntimeException e) {
                LOG.error("Request policy {} failed; refusing the request", policy.getClass().getName(), e);
                throw new ProblemException(POLICY_UNAVAILABLE, "One of the agency's request policies failed; try again later.");
            }
            violations.addAll(decision.violations());
            if (decision.needsApproval()) {
                approvals.add(decision.approvalReason());
            }
        }
        if (!violations.isEmpty()) {
            return PolicyDecision.refuse(violations);
        }
        return approvals.isEmpty() ? PolicyDecision.allow() : PolicyDecision.approvalRequired(String.join("; ", approvals));
    }
}
