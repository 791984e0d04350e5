package org.porchlight.examples.ordinance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.porchlight.testing.plugin.PorchlightServer;
import org.porchlight.testing.plugin.PortalClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The ordinance, signed, in the real distribution with its configuration in etc/: officers draft and submit footage
 * requests through the platform's API, and the platform refuses or holds them as the ordinance says.
 */
class OrdinanceIT {

    private static final String REQUESTS = "/api/agencies/" + PorchlightServer.AGENCY + "/requests";
    // A strip along a street 2 km long, and a park (both in the harness agency's jurisdiction).
    private static final String CONFIGURATION = "porchlight.policy.agency = " + PorchlightServer.AGENCY + "\n"
            + "protectedAreas = Main Street march route: polygon 39.085,-94.584 39.085,-94.5832 39.1,-94.5832 39.1,-94.584;"
            + " Washington Square Park: circle 39.0850,-94.5700 120\n"
            + "requestsPerWeek = 2\n"
            + "approvalFrom = 1\n";
    private static final AtomicInteger CASES = new AtomicInteger();

    private static PorchlightServer server;

    @BeforeAll
    static void start() {
        server = PorchlightServer.builder().configuration(OrdinanceConfiguration.PID + ".cfg", CONFIGURATION).start();
        // UP once the signed jar runs and the ordinance took its configuration.
        server.awaitHealthCheck("ordinance");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aDraftTouchingTheMarchRouteIsRefusedNamingTheRuleAndOneABlockAwayIsKept() {
        // About 150 m from the route's east edge: a 200 m circle reaches over it.
        PortalClient.Response refused = server.officer().post(REQUESTS, request(39.092, -94.5815, 200));
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("type").asText()).isEqualTo("urn:porchlight:problem:policy-violation");
        assertThat(refused.json().path("detail").asText()).contains(OrdinancePolicy.PROTECTED_AREA);
        assertThat(refused.json().path("errors").get(0).path("field").asText()).isEqualTo("area");
        assertThat(refused.json().path("errors").get(0).path("message").asText()).contains("Main Street march route");

        PortalClient.Response park = server.officer().post(REQUESTS, request(39.0850, -94.5730, 200));
        assertThat(park.status()).as(park.toString()).isEqualTo(422);
        assertThat(park.json().path("errors").toString()).contains("Washington Square Park");

        // About 280 m from the route's east edge.
        PortalClient.Response kept = server.officer().post(REQUESTS, request(39.092, -94.580, 200));
        assertThat(kept.status()).as(kept.toString()).isEqualTo(201);
        assertThat(kept.json().path("state").asText()).isEqualTo("DRAFT");
    }

    @Test
    void theSecondRequestOfTheWeekWaitsForASupervisorAndTheThirdIsRefused() {
        PortalClient officer = server.officer();
        assertThat(submit(officer, draft(officer)).path("state").asText()).isEqualTo("ACTIVE");

        String second = draft(officer);
        PortalClient.Response pending = officer.post(REQUESTS + "/" + second + "/submit", null);
        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
        assertThat(pending.json().path("state").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(pending.json().path("approvalReason").asText()).contains("surveillance ordinance");
        PortalClient.Response approved = server.supervisor().post(REQUESTS + "/" + second + "/approve", Map.of("note", "ok"));
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        assertThat(approved.json().path("state").asText()).isEqualTo("ACTIVE");

        PortalClient.Response third = officer.post(REQUESTS, request(39.070, -94.550, 200));
        assertThat(third.status()).as(third.toString()).isEqualTo(422);
        assertThat(third.json().path("detail").asText()).contains(OrdinancePolicy.WEEKLY_CAP);
        assertThat(third.json().path("errors").get(0).path("message").asText()).contains("allows 2");
    }

    private static String draft(PortalClient officer) {
        PortalClient.Response created = officer.post(REQUESTS, request(39.070, -94.550, 200));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static JsonNode submit(PortalClient officer, String id) {
        PortalClient.Response submitted = officer.post(REQUESTS + "/" + id + "/submit", null);
        assertThat(submitted.status()).as(submitted.toString()).isEqualTo(200);
        return submitted.json();
    }

    /** A burglary yesterday evening, footage of a circle of {@code radius} metres; each under a case number of its own. */
    private static Map<String, Object> request(double latitude, double longitude, double radius) {
        Instant end = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("caseNumber", "2026-" + (1000 + CASES.incrementAndGet()));
        body.put("incidentType", "BURGLARY");
        body.put("windowStart", end.minus(2, ChronoUnit.HOURS).toString());
        body.put("windowEnd", end.toString());
        body.put("area", Map.of("type", "circle", "center", Map.of("latitude", latitude, "longitude", longitude),
                "radiusMeters", radius));
        body.put("message", "A house was broken into; footage of the street between these hours would help.");
        return body;
    }
}
