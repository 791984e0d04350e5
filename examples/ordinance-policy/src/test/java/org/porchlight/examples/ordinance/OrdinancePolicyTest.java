package org.porchlight.examples.ordinance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.AreaMeasure;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.requests.PolicyContext;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.requests.PolicyViolation;
import org.porchlight.api.requests.RequestDraft;
import org.porchlight.api.tenancy.AgencyProfile;

/** The ordinance's verdicts; the platform's geometry is stood in for by circles on a flat map (the IT uses the real one). */
class OrdinancePolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-07T15:00:00Z");
    private static final String PARK = "Park: circle 39.1,-94.58 100";

    @Test
    void aRequestTouchingAProtectedAreaIsRefusedNamingThePlace() {
        OrdinancePolicy policy = policy(PARK, 10, 0);

        PolicyDecision near = policy.evaluate(draft(new Circle(new GeoPoint(39.1, -94.582), 200)), context(0));
        PolicyDecision apart = policy.evaluate(draft(new Circle(new GeoPoint(39.1, -94.59), 200)), context(0));

        assertThat(near.violations()).extracting(PolicyViolation::rule, PolicyViolation::field)
                .containsExactly(tuple(OrdinancePolicy.PROTECTED_AREA, "area"));
        assertThat(near.violations().get(0).message()).contains("Park");
        assertThat(apart).isEqualTo(PolicyDecision.allow());
    }

    @Test
    void theCapCountsTheLastSevenDaysAndRefusesAtTheLimit() {
        OrdinancePolicy policy = policy("", 3, 0);
        Area away = new Circle(new GeoPoint(39.0, -94.5), 200);
        CountingContext two = context(2);

        assertThat(policy.evaluate(draft(away), two).violations()).isEmpty();
        assertThat(two.askedSince).isEqualTo(NOW.minus(7, ChronoUnit.DAYS));
        assertThat(policy.evaluate(draft(away), context(3)).violations()).extracting(PolicyViolation::rule)
                .containsExactly(OrdinancePolicy.WEEKLY_CAP);
    }

    @Test
    void pastTheApprovalNumberASupervisorApprovesAndARefusalNeedsNoApproval() {
        OrdinancePolicy policy = policy(PARK, 3, 2);
        Area away = new Circle(new GeoPoint(39.0, -94.5), 200);

        assertThat(policy.evaluate(draft(away), context(1)).needsApproval()).isFalse();
        assertThat(policy.evaluate(draft(away), context(2)).approvalReason()).contains("2 requests in the last 7 days");
        PolicyDecision refused = policy.evaluate(draft(new Circle(new GeoPoint(39.1, -94.58), 200)), context(2));
        assertThat(refused.violations()).isNotEmpty();
        assertThat(refused.needsApproval()).isFalse();
    }

    private static OrdinancePolicy policy(String areas, int perWeek, int approvalFrom) {
        return new OrdinancePolicy(new FlatCircles(), new OrdinanceConfiguration() {
            public Class<? extends Annotation> annotationType() { return OrdinanceConfiguration.class; }
            public String porchlight_policy_agency() { return "KCPD"; }
            public String protectedAreas() { return areas; }
            public int requestsPerWeek() { return perWeek; }
            public int approvalFrom() { return approvalFrom; }
        });
    }

    private static RequestDraft draft(Area area) {
        return new RequestDraft("KCPD", "2026-17", IncidentType.BURGLARY, null, NOW.minus(1, ChronoUnit.DAYS),
                NOW.minus(20, ChronoUnit.HOURS), area, "Any footage of the street helps.", NOW.plus(7, ChronoUnit.DAYS));
    }

    private static CountingContext context(int submittedLastWeek) {
        return new CountingContext(submittedLastWeek);
    }

    /** The agency's recent requests as the platform would count them; remembers what the policy asked for. */
    private static final class CountingContext implements PolicyContext {

        private final int submitted;
        private Instant askedSince;

        CountingContext(int submitted) {
            this.submitted = submitted;
        }

        public AgencyProfile agency() {
            return new AgencyProfile("KCPD", "Kansas City PD", new Circle(new GeoPoint(39.1, -94.58), 20_000),
                    ZoneId.of("America/Chicago"), Map.of());
        }

        public Instant now() { return NOW; }
        public double areaSquareMiles() { return 0.05; }
        public boolean withinJurisdiction() { return true; }
        public int otherRequestsForCase() { return 0; }

        public int requestsSince(Instant since) {
            askedSince = since;
            return submitted;
        }
    }

    /** Circles only, a degree of longitude as long as one of latitude: enough to tell near from far here. */
    private static final class FlatCircles implements AreaMeasure {

        public boolean intersects(Area a, Area b) {
            Circle x = (Circle) a;
            Circle y = (Circle) b;
            double degrees = Math.hypot(x.center().latitude() - y.center().latitude(),
                    x.center().longitude() - y.center().longitude());
            return degrees * 111_195 <= x.radiusMeters() + y.radiusMeters();
        }

        public double squareMeters(Area area) { throw new UnsupportedOperationException(); }
        public boolean within(Area inner, Area outer) { throw new UnsupportedOperationException(); }
        public boolean contains(Area area, GeoPoint point) { throw new UnsupportedOperationException(); }
        public GeoPoint center(Area area) { throw new UnsupportedOperationException(); }
    }
}
