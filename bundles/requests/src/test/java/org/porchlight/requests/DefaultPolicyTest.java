package org.porchlight.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.requests.PolicyContext;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.requests.PolicyViolation;
import org.porchlight.api.requests.RequestDraft;
import org.porchlight.api.tenancy.AgencyProfile;

class DefaultPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
    private static final Circle AREA = new Circle(new GeoPoint(39.1, -94.58), 200);

    @Test
    void aRequestWithinEveryLimitPassesWithoutApproval() {
        assertThat(evaluate(draft(b -> { }), context(0.05, true, 0), Map.of())).isEqualTo(PolicyDecision.allow());
    }

    @Test
    void eachLimitIsARuleThatNamesItself() {
        assertThat(rules(evaluate(draft(b -> { }), context(0.6, true, 0), Map.of()))).containsExactly("max-area");
        assertThat(rules(evaluate(draft(b -> { }), context(0.01, true, 0), Map.of()))).containsExactly("min-area");
        assertThat(rules(evaluate(draft(b -> { }), context(0.05, false, 0), Map.of()))).containsExactly("jurisdiction");
        assertThat(rules(evaluate(draft(b -> { }), context(0.05, true, 2), Map.of()))).containsExactly("max-requests-per-case");
        assertThat(rules(evaluate(draft(b -> b.windowStart = b.windowEnd.minus(13, ChronoUnit.HOURS)), context(0.05, true, 0), Map.of())))
                .containsExactly("max-window");
        assertThat(rules(evaluate(draft(b -> {
            b.windowStart = NOW.minus(1, ChronoUnit.HOURS);
            b.windowEnd = NOW.plus(1, ChronoUnit.HOURS);
        }), context(0.05, true, 0), Map.of())))
                .containsExactly("window-in-past");
        assertThat(rules(evaluate(draft(b -> {
            b.windowStart = NOW.minus(61, ChronoUnit.DAYS);
            b.windowEnd = b.windowStart.plus(2, ChronoUnit.HOURS);
        }), context(0.05, true, 0), Map.of()))).containsExactly("max-footage-age");
        assertThat(rules(evaluate(draft(b -> b.windowEnd = b.windowStart), context(0.05, true, 0), Map.of()))).containsExactly("window-order");
        assertThat(rules(evaluate(draft(b -> b.caseNumber = "#1"), context(0.05, true, 0), Map.of()))).containsExactly("case-number-format");
        assertThat(rules(evaluate(draft(b -> b.expiresAt = NOW.plus(31, ChronoUnit.DAYS)), context(0.05, true, 0), Map.of())))
                .containsExactly("expiry");
    }

    @Test
    void requestsAboutLawfulActivityAreRefusedAndOtherOffencesMustBeDescribed() {
        assertThat(rules(evaluate(draft(b -> b.message = "Footage of the Protesters near city hall"), context(0.05, true, 0), Map.of())))
                .containsExactly("lawful-activity");
        assertThat(rules(evaluate(draft(b -> {
            b.type = IncidentType.OTHER_OFFENCE;
            b.detail = "people at the rally";
        }), context(0.05, true, 0), Map.of()))).containsExactly("lawful-activity");
        assertThat(rules(evaluate(draft(b -> b.type = IncidentType.OTHER_OFFENCE), context(0.05, true, 0), Map.of())))
                .containsExactly("incident-detail");
        // Whole words only: "moral" is not "rally", and "marching band" is not in the default list.
        assertThat(evaluate(draft(b -> b.message = "A moral duty: the car was stolen near the marching band practice"),
                context(0.05, true, 0), Map.of()).violations()).isEmpty();
    }

    @Test
    void lawfulActivityIsRefusedHoweverItIsSpelled() {
        for (String message : List.of("Footage of the pr\u03bftest", "Footage of the pro\u200btest", "Footage of the pro-test",
                "Footage of the \uff50\uff52\uff4f\uff54\uff45\uff53\uff54", "Footage of the \u0456mmigration office",
                "Footage of the P R O T E S T", "Footage of the pr\u00f6test", "Footage of the V\u0130G\u0130L")) {
            assertThat(rules(evaluate(draft(b -> b.message = message), context(0.05, true, 0), Map.of())))
                    .as(message).containsExactly("lawful-activity");
        }
        // An agency's own words are folded the same way.
        assertThat(rules(evaluate(draft(b -> b.message = "the m\u0430rch downtown"), context(0.05, true, 0),
                Map.of("lawfulActivityTerms", List.of("MARCH"))))).containsExactly("lawful-activity");
    }

    @Test
    void agenciesMayTightenButNotLoosenThePlatformLimits() {
        Map<String, Object> stricter = Map.of("maxAreaSquareMiles", 0.1, "maxWindowHours", 5);
        assertThat(rules(evaluate(draft(b -> { }), context(0.2, true, 0), stricter))).containsExactly("max-area");
        assertThat(rules(evaluate(draft(b -> b.windowStart = b.windowEnd.minus(6, ChronoUnit.HOURS)), context(0.05, true, 0), stricter)))
                .containsExactly("max-window");
        Map<String, Object> looser = Map.of("maxAreaSquareMiles", 5, "maxWindowHours", 48, "maxRequestsPerCase", 10);
        assertThat(rules(evaluate(draft(b -> { }), context(0.6, true, 2), looser))).containsExactly("max-area", "max-requests-per-case");
    }

    @Test
    void approvalIsAskedAboveTheSizeOrAlwaysIfTheAgencySaysSo() {
        assertThat(evaluate(draft(b -> { }), context(0.3, true, 0), Map.of()).approvalReason()).contains("0.300 square miles");
        assertThat(evaluate(draft(b -> { }), context(0.05, true, 0), Map.of("approvalAlways", true)).needsApproval()).isTrue();
        assertThat(evaluate(draft(b -> { }), context(0.15, true, 0), Map.of("approvalAboveSquareMiles", 0.1)).needsApproval()).isTrue();
    }

    @Test
    void anAgencyCaseNumberFormatApplies() {
        Map<String, Object> format = Map.of("caseNumberPattern", "KC-\\d{4}-\\d{6}");
        assertThat(rules(evaluate(draft(b -> { }), context(0.05, true, 0), format))).containsExactly("case-number-format");
        assertThat(evaluate(draft(b -> b.caseNumber = "KC-2026-001234"), context(0.05, true, 0), format).violations()).isEmpty();
        // A broken pattern falls back to the platform's format rather than disabling the check.
        assertThat(rules(evaluate(draft(b -> b.caseNumber = "#"), context(0.05, true, 0), Map.of("caseNumberPattern", "(")))).containsExactly("case-number-format");
    }

    // ---- helpers

    static RequestsConfiguration defaults() {
        return (RequestsConfiguration) Proxy.newProxyInstance(RequestsConfiguration.class.getClassLoader(),
                new Class<?>[] {RequestsConfiguration.class}, (proxy, method, args) -> method.getDefaultValue());
    }

    private static PolicyDecision evaluate(RequestDraft draft, PolicyContext context, Map<String, Object> policy) {
        return DefaultPolicy.evaluate(draft, context, AgencyRules.of(defaults(), policy));
    }

    private static List<String> rules(PolicyDecision decision) {
        return decision.violations().stream().map(PolicyViolation::rule).toList();
    }

    private static final class Builder {
        String caseNumber = "2026-001234";
        IncidentType type = IncidentType.BURGLARY;
        String detail;
        Instant windowStart = NOW.minus(2, ChronoUnit.DAYS);
        Instant windowEnd = windowStart.plus(4, ChronoUnit.HOURS);
        String message = "A break-in on the 4100 block; any footage of the street helps.";
        Instant expiresAt = NOW.plus(7, ChronoUnit.DAYS);
    }

    private static RequestDraft draft(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder();
        change.accept(b);
        return new RequestDraft("KCPD", b.caseNumber, b.type, b.detail, b.windowStart, b.windowEnd, AREA, b.message, b.expiresAt);
    }

    private static PolicyContext context(double squareMiles, boolean within, int others) {
        AgencyProfile agency = new AgencyProfile("KCPD", "Kansas City PD", AREA, ZoneId.of("America/Chicago"), Map.of());
        return new PolicyContext() {
            public AgencyProfile agency() { return agency; }
            public Instant now() { return NOW; }
            public double areaSquareMiles() { return squareMiles; }
            public boolean withinJurisdiction() { return within; }
            public int otherRequestsForCase() { return others; }
            public int requestsSince(Instant since) { return 0; }
        };
    }
}
