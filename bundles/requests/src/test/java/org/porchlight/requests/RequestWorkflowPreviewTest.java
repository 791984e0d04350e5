package org.porchlight.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.AreaMeasure;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.Problem.FieldError;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.requests.PolicyDecision;
import org.porchlight.api.requests.PolicyViolation;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.requests.RequestWorkflow.DraftInput;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/** The portal's live policy check (nothing saved, the same rules as a save) and the dashboard's counts. */
class RequestWorkflowPreviewTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private static final Polygon AREA = new Polygon(List.of(new GeoPoint(39.1, -94.58), new GeoPoint(39.101, -94.58),
            new GeoPoint(39.101, -94.578)));

    private TestDatabase database;
    private RequestWorkflow workflow;
    private double squareMiles = 0.1;
    private final Caller officer = staff(Roles.OFFICER);
    private final Caller sergeant = staff(Roles.SUPERVISOR);

    @BeforeEach
    void setUp() {
        database = TestDatabase.inMemory("requests");
        JsonCodec json = new NoAreaJson();
        AreaMeasure measure = new AreaMeasure() {
            @Override
            public double squareMeters(Area area) {
                return squareMiles * RequestPolicyCheck.SQUARE_METERS_PER_SQUARE_MILE;
            }

            @Override
            public boolean within(Area inner, Area outer) {
                return true;
            }

            @Override
            public boolean intersects(Area a, Area b) {
                return true;
            }

            @Override
            public boolean contains(Area area, GeoPoint point) {
                return true;
            }

            @Override
            public GeoPoint center(Area area) {
                return new GeoPoint(39.1, -94.58);
            }
        };
        AgencyProfile kcpd = new AgencyProfile("KCPD", "Kansas City Police", new Circle(new GeoPoint(39.1, -94.58), 20_000),
                ZoneId.of("America/Chicago"), Map.of());
        workflow = new RequestWorkflow(database, json, new Policies(TestConfiguration.defaults(RequestsConfiguration.class), 1L),
                TestAgencies.of(kcpd), measure, null, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aPreviewListsEveryViolationAndSavesNothing() {
        PolicyDecision decision = workflow.preview("kcpd", null, input("2026-77", NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofHours(20)),
                "Footage of the protest on Main."));

        assertThat(decision.violations()).extracting(PolicyViolation::rule)
                .contains("max-window", "window-in-past", "lawful-activity");
        assertThat(decision.violations()).filteredOn(v -> v.rule().equals("lawful-activity")).extracting(PolicyViolation::field)
                .containsExactly("message");
        assertThat(workflow.list("KCPD", null, null, 10)).isEmpty();
    }

    @Test
    void aPreviewWithinPolicySaysWhetherASupervisorMustApprove() {
        DraftInput small = input("2026-78", NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(3)), "Any footage helps.");
        assertThat(workflow.preview("KCPD", null, small)).isEqualTo(PolicyDecision.allow());

        squareMiles = 0.3;
        PolicyDecision large = workflow.preview("KCPD", null, small);
        assertThat(large.violations()).isEmpty();
        assertThat(large.approvalReason()).contains("square miles");
    }

    @Test
    void aPreviewCountsTheCasesOtherRequestsButNotTheDraftItself() {
        DraftInput input = input("2026-79", NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(3)), "Any footage helps.");
        FootageRequest first = workflow.draft(officer, "KCPD", input);
        workflow.draft(officer, "KCPD", input);

        assertThat(workflow.preview("KCPD", null, input).violations()).extracting(PolicyViolation::rule)
                .containsExactly("max-requests-per-case");
        assertThat(workflow.preview("KCPD", first.id(), input).violations()).as("changing one of the two").isEmpty();
    }

    @Test
    void aSaveThatBreaksTheRulesIsRefusedWithEachRuleNextToItsFieldAsThePreviewListsThem() {
        DraftInput input = input("2026-82", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(20)),
                "Footage of the protest on Main.");
        List<String> previewed = workflow.preview("KCPD", null, input).violations().stream().map(PolicyViolation::rule).toList();

        assertThatThrownBy(() -> workflow.draft(officer, "KCPD", input)).isInstanceOf(ProblemException.class)
                .satisfies(e -> {
                    Problem problem = ((ProblemException) e).problem();
                    assertThat(problem.status()).isEqualTo(422);
                    assertThat(problem.errors()).extracting(FieldError::message)
                            .allSatisfy(m -> assertThat(previewed)
                                    .anySatisfy(rule -> assertThat(m).startsWith("[" + rule + "]")));
                    assertThat(problem.errors()).hasSize(previewed.size()).extracting(FieldError::field).contains("message");
                });
        assertThat(workflow.list("KCPD", null, null, 10)).isEmpty();
    }

    @Test
    void countsByStateAndByWhoDraftedIt() {
        DraftInput input = input("2026-80", NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(3)), "Any footage helps.");
        workflow.draft(officer, "KCPD", input);
        workflow.draft(sergeant, "KCPD", input("2026-81", NOW.minus(Duration.ofHours(5)), NOW.minus(Duration.ofHours(3)),
                "Any footage."));

        assertThat(workflow.count("KCPD", RequestState.DRAFT, null, null)).isEqualTo(2);
        assertThat(workflow.count("kcpd", RequestState.DRAFT, officer.account(), null)).isEqualTo(1);
        assertThat(workflow.count("KCPD", RequestState.DRAFT, null, sergeant.account())).as("not the sergeant's own")
                .isEqualTo(1);
        assertThat(workflow.count("KCPD", RequestState.ACTIVE, null, null)).isZero();
    }

    private static DraftInput input(String caseNumber, Instant start, Instant end, String message) {
        return new DraftInput(caseNumber, IncidentType.BURGLARY, null, start, end, AREA, message, null);
    }

    private static Caller staff(String role) {
        return new Caller(UUID.randomUUID(), role, "KCPD", Caller.Credential.TOKEN, null);
    }
}
