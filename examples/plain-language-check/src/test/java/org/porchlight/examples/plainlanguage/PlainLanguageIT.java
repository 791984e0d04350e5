package org.porchlight.examples.plainlanguage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.porchlight.testing.plugin.PorchlightServer;
import org.porchlight.testing.plugin.PortalClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The check, signed, in the real distribution with its configuration in etc/: a public information officer writes a
 * community notice, the agency admin's approval is refused while it is not plain, and the public release log names the
 * check once it passed.
 */
class PlainLanguageIT {

    private static final String TEMPLATES = "/api/agencies/" + PorchlightServer.AGENCY + "/press/templates";
    private static final String SYMBOLIC_NAME = "org.porchlight.examples.plainlanguage";

    private static PorchlightServer server;
    private static PortalClient pio;

    @BeforeAll
    static void start() throws InterruptedException {
        server = PorchlightServer.builder()
                .configuration(PlainLanguageConfiguration.PID + ".cfg",
                        "maxSentenceWords = 12\njargon = utilize=use, vehicle=car\n")
                .start();
        awaitCheckRegistered();
        pio = pio();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNoticeThatIsNotPlainCannotBeApprovedAndOnceRewrittenTheLogNamesTheCheck() {
        PortalClient.Response created = pio.post(TEMPLATES, Map.of("kind", "COMMUNITY_NOTICE", "locale", "en-US",
                "title", "Road closed", "body", "Drivers should utilize Oak Street because the road will stay closed to "
                        + "every vehicle until the crews finish."));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String notice = TEMPLATES + "/" + created.json().path("id").asText();
        assertThat(pio.post(notice + "/submit", "").status()).isEqualTo(200);

        PortalClient.Response refused = server.agencyAdmin().post(notice + "/approve", "");
        assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
        assertThat(refused.json().path("detail").asText()).contains(
                "plain-language: Sentence 2 (\"Drivers should", "has 18 words",
                "Avoid \"utilize\"; say \"use\"", "Avoid \"vehicle\"; say \"car\"");

        assertThat(server.agencyAdmin().post(notice + "/reject", Map.of("reason", "Plainer, please.")).status()).isEqualTo(200);
        PortalClient.Response edited = pio.put(notice, Map.of("title", "Road closed",
                "body", "Main Street is closed until the crews finish. Please use Oak Street."));
        assertThat(edited.status()).as(edited.toString()).isEqualTo(200);
        assertThat(pio.post(notice + "/submit", "").status()).isEqualTo(200);
        PortalClient.Response approved = server.agencyAdmin().post(notice + "/approve", "");
        assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
        PortalClient.Response published = server.agencyAdmin().post(notice + "/publish", "");
        assertThat(published.status()).as(published.toString()).isEqualTo(201);

        JsonNode log = server.anonymous().get("/api/public/agencies/" + PorchlightServer.AGENCY + "/releases").json();
        assertThat(log.get(0).path("text").asText()).contains("Please use Oak Street.");
        assertThat(log.get(0).path("checksPassed").toString()).contains(PlainLanguageCheck.NAME);
    }

    /** The module runs, signed by its vendor, and has registered its check. */
    private static void awaitCheckRegistered() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode module = null;
        while (System.nanoTime() < deadline) {
            PortalClient.Response modules = server.platformAdmin().get("/api/admin/modules");
            module = StreamSupport.stream(modules.json().path("modules").spliterator(), false)
                    .filter(m -> SYMBOLIC_NAME.equals(m.path("symbolicName").asText())).findFirst().orElse(null);
            if (module != null && module.path("services").toString().contains("org.porchlight.api.press.TemplateCheck")) {
                assertThat(module.path("provenance").asText()).isEqualTo("vendor");
                assertThat(module.path("publisher").asText()).isEqualTo("porchlight-examples");
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the check was not registered within 60 s: " + module);
    }

    /** A public information officer of the harness's agency, invited by the platform admin like the harness's own staff. */
    private static PortalClient pio() {
        server.agencyAdmin(); // makes the agency
        String email = "pio@" + PorchlightServer.AGENCY.toLowerCase() + ".plugin-test.example";
        PortalClient.Response invited = server.platformAdmin().post("/api/agencies/" + PorchlightServer.AGENCY + "/staff",
                Map.of("email", email, "displayName", "PIO", "role", "PIO"));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        PortalClient.Response activated = server.anonymous().post("/api/accounts/activate",
                Map.of("token", invited.json().path("activationToken").asText(), "password", PorchlightServer.PASSWORD));
        assertThat(activated.status()).as(activated.toString()).isEqualTo(200);
        return server.signIn(email);
    }
}
