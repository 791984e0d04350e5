package org.porchlight.examples.ordinance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.geo.AreaMeasure;
import org.porchlight.api.requests.PolicyContext;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.requests.PolicyViolation;
import org.porchlight.api.requests.RequestDraft;
import org.porchlight.api.requests.RequestPolicy;

/**
 * A city's surveillance ordinance as a request policy: no footage request may touch a protest route or an assembly zone,
 * the agency submits at most so many requests in any 7 days, and past a number of them each needs a supervisor's
 * approval. The platform runs it on every draft, submission and approval, after its own default policy.
 */
@Component(configurationPid = OrdinanceConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OrdinanceConfiguration.class)
public class OrdinancePolicy implements RequestPolicy {

    static final String PROTECTED_AREA = "ordinance-protected-area";
    static final String WEEKLY_CAP = "ordinance-weekly-cap";
    static final Duration WEEK = Duration.ofDays(7);

    private final AreaMeasure measure;
    private final List<ProtectedArea> protectedAreas;
    private final int requestsPerWeek;
    private final int approvalFrom;

    /** An invalid protected area fails the activation (logged, shown in the web console) rather than being skipped. */
    @Activate
    public OrdinancePolicy(@Reference AreaMeasure measure, OrdinanceConfiguration config) {
        this.measure = measure;
        this.protectedAreas = ProtectedArea.parseAll(config.protectedAreas());
        this.requestsPerWeek = Math.max(0, config.requestsPerWeek());
        this.approvalFrom = Math.max(0, config.approvalFrom());
    }

    @Override
    public PolicyDecision evaluate(RequestDraft draft, PolicyContext context) {
        List<PolicyViolation> violations = new ArrayList<>();
        for (ProtectedArea place : protectedAreas) {
            if (measure.intersects(draft.area(), place.area())) {
                violations.add(new PolicyViolation(PROTECTED_AREA, "area", "the area touches " + place.name()
                        + ", where the city's surveillance ordinance allows no footage requests"));
            }
        }
        int lastWeek = context.requestsSince(context.now().minus(WEEK));
        if (lastWeek >= requestsPerWeek) {
            violations.add(new PolicyViolation(WEEKLY_CAP, null, "the agency submitted " + lastWeek
                    + " requests in the last 7 days; the city's surveillance ordinance allows " + requestsPerWeek));
        }
        if (!violations.isEmpty()) {
            return PolicyDecision.refuse(violations);
        }
        if (approvalFrom > 0 && lastWeek >= approvalFrom) {
            return PolicyDecision.approvalRequired("the agency submitted " + lastWeek + " requests in the last 7 days; "
                    + "from " + approvalFrom + " on, the city's surveillance ordinance asks a supervisor to approve each");
        }
        return PolicyDecision.allow();
    }
}
