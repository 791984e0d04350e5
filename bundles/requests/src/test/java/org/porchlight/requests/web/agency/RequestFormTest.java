package org.porchlight.requests.web.agency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.problem.Problem.FieldError;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.ui.FormFields;
import org.porchlight.requests.RequestWorkflow.DraftInput;
import org.porchlight.testing.PortalResources;

/** The draft form: times in the agency's zone, the area as corners, errors next to their fields; the templates' house rules. */
class RequestFormTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    void datetimeLocalValuesAreReadInTheAgencysTimeZone() {
        assertThat(FormFields.instant("2026-12-05T21:30", CHICAGO)).isEqualTo(Instant.parse("2026-12-06T03:30:00Z"));
        assertThat(FormFields.instant("2026-07-05T21:30", CHICAGO)).as("daylight saving").isEqualTo(Instant.parse("2026-07-06T02:30:00Z"));
        assertThat(FormFields.local(Instant.parse("2026-12-06T03:30:45Z"), CHICAGO)).isEqualTo("2026-12-05T21:30");
    }

    @Test
    void aCompleteFormIsTheWorkflowsInput() {
        RequestForm form = RequestForm.read(field(Map.of("caseNumber", " 2026-1 ", "incidentType", "BURGLARY", "windowStart",
                "2026-12-05T20:00", "windowEnd", "2026-12-05T22:00", "area", "39.1, -94.58\n39.101, -94.58\n\n39.101 -94.578\n",
                "message", "Any footage helps.")));

        Optional<DraftInput> input = form.input(CHICAGO, RequestFormTest::text);

        assertThat(input).isPresent();
        assertThat(input.get().caseNumber()).isEqualTo("2026-1");
        assertThat(input.get().incidentType()).isEqualTo(IncidentType.BURGLARY);
        assertThat(input.get().windowStart()).isEqualTo(Instant.parse("2026-12-06T02:00:00Z"));
        assertThat(((Polygon) input.get().area()).vertices()).hasSize(3);
        assertThat(input.get().expiresAt()).as("the agency's default").isNull();
        assertThat(form.hasErrors()).isFalse();
    }

    @Test
    void badFieldsAreNamedNextToThemAndTypedValuesComeBack() {
        RequestForm form = RequestForm.read(field(Map.of("caseNumber", "", "incidentType", "PROTEST", "windowStart", "yesterday",
                "windowEnd", "2026-12-05T22:00", "area", "39.1, -94.58\n39.101", "message", "<b>x</b>")));

        assertThat(form.input(CHICAGO, RequestFormTest::text)).isEmpty();

        Map<String, Object> model = form.model();
        assertThat(new java.util.TreeSet<Object>(((Map<?, ?>) model.get("errors")).keySet())).containsExactly("area", "caseNumber", "incidentType", "windowStart");
        assertThat(((Map<?, ?>) model.get("errors")).get("area")).isEqualTo(List.of("requests.agency.error.area"));
        assertThat(((Map<?, ?>) model.get("values")).get("message")).isEqualTo("<b>x</b>");
    }

    @Test
    void aPolicyProblemsErrorsGoNextToTheirFieldsWithTheRuleNamed() {
        RequestForm form = RequestForm.empty();
        form.fieldErrors(List.of(new FieldError("area", "[max-area] the area is 0.900 square miles; at most 0.500"),
                new FieldError("request", "[plugin-rule] no night requests")), (key, args) -> key.endsWith("max-area") ? "Area too large" : key);

        Map<String, Object> model = form.model();
        assertThat(((Map<?, ?>) model.get("errors")).get("area")).isEqualTo(List.of("Area too large: the area is 0.900 square miles; at most 0.500"));
        assertThat(model.get("general")).as("a rule the page has no name for keeps its own").isEqualTo(List.of("plugin-rule: no night requests"));
    }

    @Test
    void aCircleDraftedThroughTheApiIsChangedAsCornersOnItsEdge() {
        Polygon p = RequestForm.polygon(new Circle(new GeoPoint(39.1, -94.58), 200));
        assertThat(p.vertices()).hasSize(32);
        assertThat(p.vertices().get(0).latitude()).isCloseTo(39.1 + 200 / 111_320.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void templatesHaveNoInlineScriptsOrStylesAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }

    private static java.util.function.Function<String, Optional<String>> field(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    private static String text(String key, Object[] arguments) {
        return key;
    }
}
