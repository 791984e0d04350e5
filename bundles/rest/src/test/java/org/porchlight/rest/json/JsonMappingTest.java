package org.porchlight.rest.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemType;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

class JsonMappingTest {

    private final ObjectMapper json = JsonMapping.create();

    @Test
    void timesAreIsoStrings() throws Exception {
        assertThat(json.writeValueAsString(Map.of("at", Instant.parse("2026-11-29T10:15:30Z"))))
                .isEqualTo("{\"at\":\"2026-11-29T10:15:30Z\"}");
    }

    @Test
    void areasCarryTheirKindAndRoundTrip() throws Exception {
        Area circle = new Circle(new GeoPoint(39.0997, -94.5786), 250);
        String text = json.writeValueAsString(circle);
        assertThat(text).startsWith("{\"type\":\"circle\"");
        assertThat(json.readValue(text, Area.class)).isEqualTo(circle);

        Area polygon = new Polygon(List.of(new GeoPoint(39.0, -94.0), new GeoPoint(39.1, -94.0), new GeoPoint(39.1, -94.1)));
        assertThat(json.readValue(json.writeValueAsString(polygon), Area.class)).isEqualTo(polygon);
    }

    @Test
    void problemsLeaveOutEmptyMembers() throws Exception {
        String text = json.writeValueAsString(Problem.of(ProblemType.CONFLICT, "already closed").withRequestId("r1"));
        assertThat(text).isEqualTo("{\"type\":\"urn:porchlight:problem:conflict\",\"title\":\"Conflict with the current state\","
                + "\"status\":409,\"detail\":\"already closed\",\"requestId\":\"r1\"}");
    }

    @Test
    void inputIsStrict() {
        assertThatThrownBy(() -> json.readValue("{\"latitude\":1,\"longitude\":2,\"altitude\":3}", GeoPoint.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
        assertThatThrownBy(() -> json.readValue("{\"latitude\":\"1\",\"longitude\":2}", GeoPoint.class))
                .hasMessageContaining("latitude");
    }

    @Test
    void nestingStringsAndNumbersPastTheLimitsAreRefusedWhileParsing() {
        String atLimit = "[".repeat(JsonMapping.MAX_DEPTH) + "]".repeat(JsonMapping.MAX_DEPTH);
        assertThatCode(() -> json.readValue(atLimit, Object.class)).doesNotThrowAnyException();
        for (String deep : List.of("[".repeat(JsonMapping.MAX_DEPTH + 1) + "]".repeat(JsonMapping.MAX_DEPTH + 1),
                "{\"a\":".repeat(750) + "1" + "}".repeat(750), "[{\"a\":".repeat(400) + "1" + "}]".repeat(400))) {
            assertThatThrownBy(() -> json.readValue(deep, Object.class)).isInstanceOf(StreamConstraintsException.class)
                    .hasMessageContaining("nesting depth");
            assertThatThrownBy(() -> json.readTree(deep)).isInstanceOf(StreamConstraintsException.class);
        }
        String longText = "\"" + "x".repeat(JsonMapping.MAX_STRING_LENGTH + 1) + "\"";
        assertThatThrownBy(() -> json.readValue(longText, String.class)).hasMessageContaining("String value length");
        String longNumber = "9".repeat(JsonMapping.MAX_NUMBER_LENGTH + 1);
        assertThatThrownBy(() -> json.readValue(longNumber, BigInteger.class))
                .hasMessageContaining("Number value length");
    }
}
