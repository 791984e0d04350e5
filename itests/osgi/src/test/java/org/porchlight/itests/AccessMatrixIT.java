package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Authorization, route by route: every operation of the live OpenAPI document, called by
 * nobody, by each role and by a vendor's API key, on its own agency and on another one. Routes
 * that later modules add are walked too, because the matrix is read from the document.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AccessMatrixIT extends PorchlightTestSupport {

    private static final String OWN = "MXA";
    private static final String OTHER = "MXB";
    private static final String PASSWORD = "matrix test passphrase";
    private static final Set<String> STAFF = Set.of("OFFICER", "SUPERVISOR", "PIO", "AGENCY_ADMIN");
    private static final String API_KEY = "VENDOR_API_KEY";
    /** The fixture route that fails on purpose, to test the 500 problem; here only 401 and 403 count. */
    private static final String FAILS_ON_PURPOSE = "/itest/echo/boom";
    /** Routes that answer 503 past authorization because this framework has no mail server. */
    private static final List<String> NEEDS_MAIL = List.of("/auth/verify-email/resend");

    @Test
    public void everyRouteAnswersEveryCallerAsItsDeclarationSays() throws Exception {
        install(Fixtures.echo()); // brings a route that declares nothing
        http.await("/api/itest/echo/page?limit=1", r -> r.status() == 200, SWAP_TIMEOUT);
        Map<String, String[]> callers = callers();

        JsonNode paths = http.get("/api/openapi.json").json().path("paths");
        List<String> failures = new ArrayList<>();
        int calls = 0;
        boolean sawUndeclared = false;
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase();
                JsonNode access = op.getValue().path("x-porchlight-access");
                if (access.isMissingNode()) {
                    failures.add(method + " " + path.getKey() + ": no x-porchlight-access in the document");
                    continue;
                }
                sawUndeclared |= access.path("access").asText().equals("UNDECLARED");
                boolean tenantRoute = access.path("tenant").asBoolean();
                for (String agency : tenantRoute ? List.of(OWN, OTHER) : List.of(OWN)) {
                    for (Map.Entry<String, String[]> caller : callers.entrySet()) {
                        int expected = expected(access, caller.getKey(), agency);
                        Http.Response r = call(method, path.getKey(), agency, op.getValue(), caller.getValue());
                        calls++;
                        boolean onPurpose = path.getKey().equals(FAILS_ON_PURPOSE) && r.status() == 500
                                || NEEDS_MAIL.contains(path.getKey()) && r.status() == 503;
                        if (!onPurpose && !matches(expected, r.status())) {
                            failures.add(method + " " + path.getKey().replace("{agency}", agency) + " as " + caller.getKey()
                                    + ": expected " + describe(expected) + ", got " + r.status());
                        }
                    }
                }
            }
        }
        assertTrue("the document lists the undeclared fixture route", sawUndeclared);
        for (String[] route : new String[][] {{"/account/export", "get"}, {"/account", "delete"}}) {
            assertEquals("a resident's own data: " + route[0], List.of("RESIDENT"),
                    roles(paths.path(route[0]).path(route[1]).path("x-porchlight-access")));
        }
        assertTrue("walked " + calls + " calls", calls > 150);
        assertTrue(String.join("\n", failures), failures.isEmpty());
    }

    @Test
    public void aRouteThatDeclaresNothingIsRefusedToEveryone() throws Exception {
        install(Fixtures.echo());
        http.await("/api/itest/echo/page?limit=1", r -> r.status() == 200, SWAP_TIMEOUT);
        assertEquals(401, http.get("/api/itest/undeclared").status());
        Http.Response admin = http.get("/api/itest/undeclared", asAdmin());
        assertEquals(403, admin.status());
        assertFalse(admin.body().contains("nobody should read this"));
    }

    private static List<String> roles(JsonNode access) {
        List<String> roles = new ArrayList<>();
        access.path("roles").forEach(r -> roles.add(r.asText()));
        return roles;
    }

    /**
     * The metrics endpoint is a servlet beside the REST core (no OpenAPI operation), so it is walked
     * here by hand: platform admins read it; everybody else, a vendor's API key included, is refused.
     */
    @Test
    public void theMetricsAreOpenToPlatformAdminsOnly() {
        for (Map.Entry<String, String[]> caller : callers().entrySet()) {
            int expected = switch (caller.getKey()) {
                case "ANONYMOUS" -> 401;
                case "PLATFORM_ADMIN" -> 200;
                default -> 403;
            };
            assertEquals("GET /metrics as " + caller.getKey(), expected, http.get("/metrics", caller.getValue()).status());
        }
    }

    /** Exactly this status, or {@code -1}: anything but 401 and 403 (the caller got past authorization). */
    private static int expected(JsonNode access, String caller, String agency) {
        String kind = access.path("access").asText();
        if (kind.equals("PUBLIC")) {
            return -1;
        }
        if (caller.equals("ANONYMOUS")) {
            return 401;
        }
        if (!kind.equals("ROLES")) {
            return 403;
        }
        List<String> roles = new ArrayList<>();
        access.path("roles").forEach(r -> roles.add(r.asText()));
        if (caller.equals(API_KEY)) {
            return roles.contains("VENDOR") && access.path("apiKeys").asBoolean() ? -1 : 403;
        }
        if (!roles.contains(caller)) {
            return 403;
        }
        return STAFF.contains(caller) && agency.equals(OTHER) && access.path("tenant").asBoolean() ? 404 : -1;
    }

    private static boolean matches(int expected, int status) {
        return expected == -1 ? status != 401 && status != 403 && status < 500 : status == expected;
    }

    private static String describe(int expected) {
        return expected == -1 ? "neither 401 nor 403 (nor 5xx)" : Integer.toString(expected);
    }

    private Http.Response call(String method, String template, String agency, JsonNode operation, String[] headers) {
        String path = "/api" + template.replace("{agency}", agency).replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
        JsonNode content = operation.path("requestBody").path("content");
        if (content.has("application/x-www-form-urlencoded")) {
            return http.send(method, path, "application/x-www-form-urlencoded", "", headers);
        }
        if (content.size() > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            return http.send(method, path, "application/json", "{}", headers);
        }
        return http.send(method, path, null, null, headers);
    }

    /** Headers of one caller per role, the agency staff all of {@link #OWN}. */
    private Map<String, String[]> callers() {
        String[] admin = asAdmin();
        for (String code : List.of(OWN, OTHER)) {
            int status = http.postJson("/api/agencies", IdentityIT.agency(code), admin).status();
            assertTrue(status == 201 || status == 409);
        }
        Map<String, String[]> callers = new LinkedHashMap<>();
        callers.put("ANONYMOUS", new String[0]);
        callers.put("PLATFORM_ADMIN", admin);
        for (String role : STAFF) {
            callers.put(role, activated(http.postJson("/api/agencies/" + OWN + "/staff",
                    "{\"email\":\"" + role.toLowerCase() + "@mxa.example\",\"displayName\":\"" + role + "\",\"role\":\"" + role + "\"}", admin),
                    role.toLowerCase() + "@mxa.example"));
        }
        http.postJson("/api/accounts", "{\"email\":\"resident@mx.example\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"R\"}");
        callers.put("RESIDENT", bearer(signIn("resident@mx.example", PASSWORD).path("access_token").asText()));
        String[] vendor = activated(http.postJson("/api/vendors", "{\"email\":\"vendor@mx.example\",\"displayName\":\"V\"}", admin),
                "vendor@mx.example");
        callers.put("VENDOR", vendor);
        callers.put(API_KEY, bearer(http.postJson("/api/api-keys", "{\"name\":\"matrix\"}", vendor).json().path("key").asText()));
        return callers;
    }

    private String[] activated(Http.Response invitation, String email) {
        if (invitation.status() == 201) {
            http.postJson("/api/accounts/activate", "{\"token\":\"" + invitation.json().path("activationToken").asText()
                    + "\",\"password\":\"" + PASSWORD + "\"}");
        }
        return bearer(signIn(email, PASSWORD).path("access_token").asText());
    }
}
