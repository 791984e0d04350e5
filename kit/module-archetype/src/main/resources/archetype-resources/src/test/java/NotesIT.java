package ${package};

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.porchlight.testing.plugin.PorchlightServer;
import org.porchlight.api.security.Roles;
import org.porchlight.testing.plugin.PortalClient;
import org.porchlight.testing.plugin.PortalSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * This module, signed, in the real Porchlight distribution: bin/porchlight on a free port with the
 * signed jar in deploy/ and the development certificate in etc/trust/vendor/ (the POM passes both).
 * Runs in {@code mvn verify}, after the jar is signed.
 */
class NotesIT {

    private static final String NOTES = "/api/${module}/agencies/" + PorchlightServer.AGENCY + "/notes";
    private static final String PAGE = "/${module}";

    private static PorchlightServer server;

    @BeforeAll
    static void start() {
        server = PorchlightServer.builder().configuration("${package}.cfg", "maxLength = 40\n").start();
        // The module's own health check is UP once the server took the signed jar and migrated its schema.
        server.awaitHealthCheck("${module}");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anOfficerKeepsANoteThatTheAgencyAdminReads() {
        PortalClient.Response added = server.officer().post(NOTES, Map.of("text", "  gate code changed  "));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.json().path("text").asText()).isEqualTo("gate code changed");

        PortalClient.Response listed = server.agencyAdmin().get(NOTES);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().findValuesAsText("text")).contains("gate code changed");
    }

    @Test
    void theOperatorsLimitFromEtcIsAProblemWithItsName() {
        PortalClient.Response refused = server.officer().post(NOTES, Map.of("text", "x".repeat(41)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.header("Content-Type")).hasValue("application/problem+json");
        assertThat(refused.json().path("type").asText()).endsWith("${module}-note-too-long");
    }

    @Test
    void theServerRunsTheModuleAsSignedByItsVendor() {
        PortalClient.Response modules = server.platformAdmin().get("/api/admin/modules");
        assertThat(modules.status()).as(modules.toString()).isEqualTo(200);
        JsonNode module = StreamSupport.stream(modules.json().path("modules").spliterator(), false)
                .filter(m -> "${package}".equals(m.path("symbolicName").asText())).findFirst().orElseThrow();
        assertThat(module.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(module.path("provenance").asText()).isEqualTo("vendor");
        assertThat(module.path("publisher").asText()).isEqualTo("${vendor}");
    }

    @Test
    void residentsAndStrangersAreKeptOut() {
        assertThat(server.resident().get(NOTES).status()).isEqualTo(403);
        assertThat(server.anonymous().get(NOTES).status()).isEqualTo(401);
    }

    @Test
    void anOfficerAddsANoteThroughThePortalsFormAndSeesItListed() {
        PortalSession officer = server.browser(Roles.OFFICER);
        assertThat(officer.get(PAGE).status()).isEqualTo(200);

        PortalClient.Response added = officer.submit(PAGE, Map.of("text", "back door sticks"));
        assertThat(added.status()).as(added.toString()).isEqualTo(303);
        assertThat(added.header("Location")).hasValue(PAGE);
        assertThat(officer.get(PAGE).body()).contains("back door sticks");
    }

    @Test
    void aNoteTooLongForTheOperatorsLimitComesBackWithTheErrorNextToTheField() {
        PortalSession officer = server.browser(Roles.OFFICER);
        officer.get(PAGE);

        PortalClient.Response refused = officer.submit(PAGE, Map.of("text", "y".repeat(41)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"text-error\"", "At most 40 characters.");
    }

    @Test
    void aResidentIsRefusedThePageAndAStrangerIsSentToSignIn() {
        assertThat(server.browser(Roles.RESIDENT).get(PAGE).status()).isEqualTo(403);
        PortalClient.Response stranger = server.browser().get(PAGE);
        assertThat(stranger.status()).isEqualTo(303);
        assertThat(stranger.header("Location")).hasValue(PortalSession.SIGN_IN);
    }
}
