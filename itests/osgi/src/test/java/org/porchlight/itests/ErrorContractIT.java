package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/** The error contract of the REST core, case by case, against a module that breaks it on purpose. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ErrorContractIT extends PorchlightTestSupport {

    private static final String SIGHTING = "{\"title\":\"Porch camera\",\"priority\":2,\"seenAt\":\"2026-11-01T21:15:00Z\",\"tags\":[\"door\"]}";

    @Inject
    private LogReaderService logs;

    @Before
    public void installEchoModule() throws Exception {
        if (bundle(Fixtures.ECHO) == null) {
            install(Fixtures.echo());
        }
        http.await("/api/itest/echo/page?limit=1", r -> r.status() == 200, SWAP_TIMEOUT);
    }

    @Test
    public void aValidBodyIsEchoedWithTimesAsIsoStrings() {
        Http.Response ok = http.postJson("/api/itest/echo", SIGHTING);
        assertEquals(ok.toString(), 200, ok.status());
        assertEquals("2026-11-01T21:15:00Z", ok.json().path("seenAt").asText());
    }

    @Test
    public void malformedJsonIs400MalformedBodyWithTheLocation() {
        Http.Response bad = http.postJson("/api/itest/echo", "{\"title\": \"Porch camera\",\n \"priority\": }");
        assertProblem(bad, 400, "urn:porchlight:problem:malformed-body");
        assertTrue(bad.body(), bad.json().path("detail").asText().contains("line 2"));
    }

    @Test
    public void validationFailuresAre400ListingEveryOffendingField() {
        Http.Response bad = http.postJson("/api/itest/echo",
                "{\"title\":\"\",\"priority\":9,\"seenAt\":\"2026-11-01T21:15:00Z\",\"tags\":[\"door\",\" \"]}");
        assertProblem(bad, 400, "urn:porchlight:problem:validation");
        assertEquals(List.of("priority", "tags[1]", "title"), fields(bad));
        assertEquals("3 fields are invalid.", bad.json().path("detail").asText());
    }

    @Test
    public void aMissingBodyIs400() {
        Http.Response none = http.send("POST", "/api/itest/echo", "application/json", null);
        assertEquals(none.toString(), 400, none.status());
        assertEquals("application/problem+json", none.header("Content-Type").orElse(""));
    }

    @Test
    public void anUnknownFieldIsNamed() {
        Http.Response bad = http.postJson("/api/itest/echo", SIGHTING.replace("{", "{\"ownerEmail\":\"x@example.org\","));
        assertProblem(bad, 400, "urn:porchlight:problem:validation");
        assertEquals(List.of("ownerEmail"), fields(bad));
        assertEquals("unknown field", bad.json().path("errors").path(0).path("message").asText());
    }

    @Test
    public void aValueOfTheWrongTypeIsNamedWithTheExpectedType() {
        Http.Response bad = http.postJson("/api/itest/echo", SIGHTING.replace("\"priority\":2", "\"priority\":\"high\""));
        assertProblem(bad, 400, "urn:porchlight:problem:validation");
        assertEquals(List.of("priority"), fields(bad));
        assertTrue(bad.body(), bad.json().path("errors").path(0).path("message").asText().contains("whole number"));

        Http.Response badTime = http.postJson("/api/itest/echo", SIGHTING.replace("2026-11-01T21:15:00Z", "yesterday"));
        assertEquals(List.of("seenAt"), fields(badTime));
        assertTrue(badTime.body(), badTime.json().path("errors").path(0).path("message").asText().contains("ISO-8601"));
    }

    @Test
    public void sdkGeometryRoundTripsAndItsOwnChecksBecomeFieldErrors() {
        String circle = "{\"type\":\"circle\",\"center\":{\"latitude\":39.0997,\"longitude\":-94.5786},\"radiusMeters\":250.0}";
        Http.Response ok = http.postJson("/api/itest/echo/area", circle);
        assertEquals(ok.toString(), 200, ok.status());
        assertEquals(circle, ok.body());

        Http.Response bad = http.postJson("/api/itest/echo/area", circle.replace("39.0997", "91.5"));
        assertProblem(bad, 400, "urn:porchlight:problem:validation");
        assertEquals(List.of("center"), fields(bad));
        assertTrue(bad.body(), bad.json().path("errors").path(0).path("message").asText().contains("latitude must be between -90 and 90"));

        Http.Response unknownShape = http.postJson("/api/itest/echo/area", "{\"type\":\"hexagon\"}");
        assertProblem(unknownShape, 400, "urn:porchlight:problem:validation");
        assertTrue(unknownShape.body(), unknownShape.json().path("errors").path(0).path("message").asText().contains("hexagon"));
    }

    @Test
    public void aQueryParameterOfTheWrongFormatOrOutOfRangeIs400NamingIt() {
        Http.Response wrongFormat = http.get("/api/itest/echo/page?limit=ten");
        assertProblem(wrongFormat, 400, "urn:porchlight:problem:validation");
        assertEquals(List.of("limit"), fields(wrongFormat));

        Http.Response outOfRange = http.get("/api/itest/echo/page?limit=0");
        assertProblem(outOfRange, 400, "urn:porchlight:problem:validation");
        assertEquals(List.of("limit"), fields(outOfRange));
    }

    @Test
    public void anUnknownRouteIs404() {
        assertProblem(http.get("/api/itest/echo/nowhere"), 404, "about:blank");
    }

    @Test
    public void aWrongMethodIs405WithAllow() {
        Http.Response wrong = http.send("DELETE", "/api/itest/echo", null, null);
        assertProblem(wrong, 405, "about:blank");
        assertTrue(wrong.header("Allow").orElse("").contains("POST"));
    }

    @Test
    public void anUnsupportedMediaTypeIs415() {
        assertProblem(http.send("POST", "/api/itest/echo", "text/plain", "Porch camera"), 415, "about:blank");
    }

    @Test
    public void aBodyOverTheLimitIs413WhetherDeclaredOrStreamed() throws Exception {
        // Over the body limit in strings each under the JSON string limit, so that the body limit is what refuses it.
        String tags = String.join(",", Collections.nCopies(22, "\"" + "x".repeat(50_000) + "\""));
        byte[] huge = ("{\"title\":\"Porch\",\"tags\":[" + tags + "]}").getBytes(StandardCharsets.UTF_8);
        String[] declared = http.postLargeRaw("/api/itest/echo", "application/json", huge, false);
        assertTrue(declared[0], declared[0].startsWith("HTTP/1.1 413"));
        assertTrue(declared[1], declared[1].contains("\"type\":\"about:blank\"") && declared[1].contains("1048576"));

        String[] streamed = http.postLargeRaw("/api/itest/echo", "application/json", huge, true);
        assertTrue(streamed[0] + streamed[1], streamed[0].startsWith("HTTP/1.1 413"));
        assertTrue(streamed[1], streamed[1].contains("\"status\":413"));
        // The server is still fine afterwards.
        assertEquals(200, http.postJson("/api/itest/echo", SIGHTING).status());
    }

    @Test
    public void jsonPastTheDepthStringOrNumberLimitsIs400NamingTheLimitAndNothingIsWritten() {
        String[] admin = asAdmin();
        // Untyped members (an agency's policy) are where nesting reaches a deserializer unchecked.
        for (int depth : new int[] {65, 750, 5_000, 100_000}) {
            String nested = "{\"a\":".repeat(depth - 1) + "1" + "}".repeat(depth - 1);
            String body = IdentityIT.agency("DEEP").replace("}}", "}, \"policy\": " + nested + "}");
            Http.Response deep = http.postJson("/api/agencies", body, admin);
            assertProblem(deep, 400, "urn:porchlight:problem:malformed-body");
            assertTrue(deep.body(), deep.json().path("detail").asText().contains("nesting depth"));
            assertFalse(deep.body(), deep.body().contains("StreamReadConstraints"));
        }
        String arrays = IdentityIT.agency("DEEP").replace("}}", "}, \"policy\": {\"a\":" + "[".repeat(800)
                + "]".repeat(800) + "}}");
        assertProblem(http.postJson("/api/agencies", arrays, admin), 400, "urn:porchlight:problem:malformed-body");
        assertEquals("nothing of a refused agency is stored", 404, http.get("/api/agencies/DEEP", admin).status());

        String longString = "{\"title\":\"" + "x".repeat(300_000) + "\",\"priority\":2,\"seenAt\":\"2026-11-01T21:15:00Z\"}";
        Http.Response tooLong = http.postJson("/api/itest/echo", longString);
        assertProblem(tooLong, 400, "urn:porchlight:problem:malformed-body");
        assertTrue(tooLong.body(), tooLong.json().path("detail").asText().contains("String value length"));

        String longNumber = "{\"title\":\"Porch\",\"priority\":" + "9".repeat(5_000) + ",\"seenAt\":\"2026-11-01T21:15:00Z\"}";
        Http.Response bigNumber = http.postJson("/api/itest/echo", longNumber);
        assertProblem(bigNumber, 400, "urn:porchlight:problem:malformed-body");
        assertTrue(bigNumber.body(), bigNumber.json().path("detail").asText().contains("Number value length"));
        // The server is still fine afterwards.
        assertEquals(200, http.postJson("/api/itest/echo", SIGHTING).status());
    }

    @Test
    public void errorsTheWebServerAnswersItselfAreProblemsToo() throws Exception {
        // The servlet layer, outside Jersey: unmapped, ambiguous or dot-segment paths, any method.
        for (String path : List.of("/nothing", "/a%2Fb", "/api/a%2Fb", "/api/../x", "/system/console/../../x", "/%2e%2e/x",
                "/api/a%00b", "/api/%C0%AE%C0%AE/x", "/api/a%5C..%5Cb")) {
            for (String method : List.of("GET", "DELETE", "PUT")) {
                if ("/nothing".equals(path) && "GET".equals(method)) {
                    continue; // the portal's shell answers GET at / and below: its own 404 page (WebShellIT)
                }
                String[] answer = http.raw((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n"
                        + "Accept: text/html\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                assertRawProblem(method + " " + path, answer);
            }
        }
        // The HTTP parser, before there is a request: bad request line, version, characters, sizes.
        List<String> requests = List.of(
                "GET /api/" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n",
                "GET /api/health HTTP/9.9\r\nHost: localhost\r\n\r\n",
                "G@T /api/health HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "GET /api/health HTTP/1.1\r\n\r\n",
                "GET /api/health HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n",
                "GET /api/he\u0001alth HTTP/1.1\r\nHost: localhost\r\n\r\n",
                "POST /api/itest/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc\r\n\r\n");
        for (String request : requests) {
            String[] answer = http.raw(request.getBytes(StandardCharsets.ISO_8859_1));
            assertRawProblem(request.substring(0, Math.min(40, request.length())), answer);
        }
        assertTrue(http.raw(requests.get(0).getBytes(StandardCharsets.UTF_8))[0].contains(" 414 "));
        assertTrue(http.raw(requests.get(1).getBytes(StandardCharsets.UTF_8))[0].contains(" 431 "));
        assertEquals(200, http.get("/api/health").status());
    }

    @Test
    public void ambiguousPathEncodingsAre400ProblemsNotJettysHtmlPage() throws Exception {
        // Jetty 12 refuses an encoded separator, backslash or percent in a path (URI compliance) with
        // its own 400; each is a problem here too, before any servlet, whichever path and Accept.
        for (String path : List.of("/api/a%2Fb", "/api/a%2fb", "/api/a%5Cb", "/api/a%5cb", "/api/a%25b", "/api/a%252Fb",
                "/static/a%2Fb", "/a%5C..%5Cb", "/system/console/a%2F..%2Fb")) {
            for (String accept : List.of("text/html", "*/*")) {
                String[] answer = http.raw(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: " + accept
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                assertRawProblem(path, answer);
                assertTrue(path + ": " + answer[0], answer[0].contains(" 400 "));
                assertFalse(path + ": " + answer[2], answer[2].toLowerCase(Locale.ROOT).contains("html"));
            }
        }
        assertEquals(200, http.get("/api/health").status());
    }

    private static void assertRawProblem(String what, String[] answer) {
        int status = Integer.parseInt(answer[0].split(" ")[1]);
        assertTrue(what + ": " + answer[0], status >= 400 && status < 600);
        assertTrue(what + ": " + answer[1], answer[1].toLowerCase(Locale.ROOT)
                .contains("content-type: application/problem+json"));
        JsonNode body = new Http.Response(status, null, answer[2]).json();
        assertEquals(what + ": " + answer[2], status, body.path("status").asInt());
        assertFalse(what, body.path("title").asText().isEmpty());
        assertFalse(what, body.path("requestId").asText().isEmpty());
        assertFalse(what + ": " + answer[2], answer[2].contains("<") || answer[2].contains("Exception"));
    }

    @Test
    public void aProblemRaisedOnPurposeKeepsItsStatusAndType() {
        Http.Response conflict = http.get("/api/itest/echo/conflict");
        assertProblem(conflict, 409, "urn:porchlight:problem:conflict");
        assertEquals("The request is already closed.", conflict.json().path("detail").asText());
    }

    @Test
    public void anUnexpectedFailureIs500WithACorrelationIdThatIsInTheLogAndNoInternals() throws Exception {
        List<LogEntry> errors = new CopyOnWriteArrayList<>();
        LogListener listener = entry -> {
            if (entry.getLogLevel() == LogLevel.ERROR) {
                errors.add(entry);
            }
        };
        logs.addLogListener(listener);
        try {
            Http.Response boom = http.get("/api/itest/echo/boom", "X-Request-Id", "boom-7");
            assertProblem(boom, 500, "urn:porchlight:problem:internal");
            assertEquals("boom-7", boom.json().path("requestId").asText());
            assertTrue(boom.json().path("detail").asText().contains("boom-7"));
            assertFalse(boom.body(), boom.body().contains("jdbc"));
            assertFalse(boom.body(), boom.body().contains("Exception"));
            assertFalse(boom.body(), boom.body().contains("\tat "));

            long deadline = System.currentTimeMillis() + 5000;
            LogEntry logged = null;
            while (logged == null && System.currentTimeMillis() < deadline) {
                logged = errors.stream().filter(e -> e.getMessage().contains("boom-7")).findFirst().orElse(null);
                Thread.sleep(20);
            }
            assertNotNull("no ERROR log entry names request boom-7; saw " + errors, logged);
            assertNotNull("the log entry keeps the exception for operators", logged.getException());
        } finally {
            logs.removeLogListener(listener);
        }
    }

    private static void assertProblem(Http.Response response, int status, String type) {
        assertEquals(response.toString(), status, response.status());
        assertEquals(response.toString(), "application/problem+json", response.header("Content-Type").orElse(""));
        JsonNode body = response.json();
        assertEquals(response.toString(), type, body.path("type").asText());
        assertEquals(status, body.path("status").asInt());
        assertFalse(body.path("title").asText().isEmpty());
        assertEquals(response.header("X-Request-Id").orElse("missing"), body.path("requestId").asText());
    }

    private static List<String> fields(Http.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }
}
