package org.porchlight.examples.noticeboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.porchlight.api.security.Roles;
import org.porchlight.testing.plugin.PorchlightServer;
import org.porchlight.testing.plugin.PortalClient;
import org.porchlight.testing.plugin.PortalSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The notice board, signed, in the real Porchlight distribution (the POM passes the jar and the development
 * certificate): staff use its page through the portal's sign-in form and CSRF-checked forms, as a browser does,
 * and a visitor who is not signed in reads the public board. Runs in {@code mvn verify}, after the jar is signed.
 */
class NoticeboardIT {

    private static final String BOARD = "/noticeboard";
    private static final String PUBLIC_BOARD = "/notices/" + PorchlightServer.AGENCY;
    private static final Pattern TAKE_DOWN = Pattern.compile("action=\"(/noticeboard/[0-9a-f-]{36}/take-down)\"");

    private static PorchlightServer server;

    @BeforeAll
    static void start() {
        server = PorchlightServer.builder().configuration("org.porchlight.examples.noticeboard.cfg", "maxLength = 60\n").start();
        // UP once the server took the signed jar and migrated its schema.
        server.awaitHealthCheck("noticeboard");
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNoticePostedThroughTheStaffPageIsOnThePublicBoardUntilTakenDown() {
        PortalSession pio = server.browser(Roles.PIO);
        assertThat(pio.get(BOARD).status()).isEqualTo(200);
        PortalClient.Response posted = pio.submit(BOARD, Map.of("title", "Road closed", "body", "Main St closed tonight.",
                "until", ""));
        assertThat(posted.status()).as(posted.toString()).isEqualTo(303);
        assertThat(posted.header("Location")).hasValue(BOARD);

        PortalSession visitor = server.browser();
        assertThat(visitor.get("/notices").body()).contains("href=\"" + PUBLIC_BOARD + "\"");
        PortalClient.Response board = visitor.get(PUBLIC_BOARD);
        assertThat(board.status()).isEqualTo(200);
        assertThat(board.body()).contains("Road closed", "Main St closed tonight.");
        assertThat(pio.get("/dashboard").body()).contains("One notice on the public board of your agency today.");

        Matcher takeDown = TAKE_DOWN.matcher(pio.get(BOARD).body());
        assertThat(takeDown.find()).isTrue();
        assertThat(pio.submit(takeDown.group(1), Map.of()).status()).isEqualTo(303);
        assertThat(visitor.get(PUBLIC_BOARD).body()).doesNotContain("Road closed");
    }

    @Test
    void aNoticeTooLongForTheOperatorsLimitComesBackWithTheErrorNextToTheField() {
        PortalSession officer = server.browser(Roles.OFFICER);
        officer.get(BOARD);

        PortalClient.Response refused = officer.submit(BOARD, Map.of("title", "Long", "body", "y".repeat(61)));
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("id=\"body-error\"", "At most 60 characters.");
        assertThat(server.browser().get(PUBLIC_BOARD).body()).doesNotContain("y".repeat(61));
    }

    @Test
    void aFormWithoutTheTokenOfAPortalPageIsRefused() {
        PortalSession officer = server.browser(Roles.OFFICER);
        PortalClient.Response forged = officer.submitAsIs(BOARD, Map.of("title", "Forged", "body", "From another site."));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(server.browser().get(PUBLIC_BOARD).body()).doesNotContain("Forged");
    }

    @Test
    void residentsAreRefusedTheStaffPageAndVisitorsSentToSignIn() {
        assertThat(server.browser(Roles.RESIDENT).get(BOARD).status()).isEqualTo(403);
        PortalClient.Response visitor = server.browser().get(BOARD);
        assertThat(visitor.status()).isEqualTo(303);
        assertThat(visitor.header("Location")).hasValue(PortalSession.SIGN_IN);
        assertThat(server.browser().get("/notices/NOPE").status()).isEqualTo(404);
    }

    @Test
    void theServerRunsTheModuleAsSignedByItsVendor() {
        PortalClient.Response modules = server.platformAdmin().get("/api/admin/modules");
        assertThat(modules.status()).as(modules.toString()).isEqualTo(200);
        JsonNode module = StreamSupport.stream(modules.json().path("modules").spliterator(), false)
                .filter(m -> "org.porchlight.examples.noticeboard".equals(m.path("symbolicName").asText()))
                .findFirst().orElseThrow();
        assertThat(module.path("state").asText()).isEqualTo("ACTIVE");
        assertThat(module.path("provenance").asText()).isEqualTo("vendor");
        assertThat(module.path("publisher").asText()).isEqualTo("porchlight-examples");
    }
}
