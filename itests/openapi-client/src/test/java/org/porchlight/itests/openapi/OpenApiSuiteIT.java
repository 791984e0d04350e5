package org.porchlight.itests.openapi;

import static org.junit.Assert.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.runner.RunWith;
import org.junit.runners.Suite;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Http;
import org.porchlight.testing.plugin.ServerProcess;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The API as integrators meet it, on one start of the distribution (bin/porchlight, a fresh H2):
 * the document's checks ({@link DocumentChecks}), then a client generated from the snapshot
 * walks a first footage request ({@link GeneratedClientChecks}).
 */
@RunWith(Suite.class)
@Suite.SuiteClasses({DocumentChecks.class, GeneratedClientChecks.class})
public class OpenApiSuiteIT {

    static final String ADMIN_EMAIL = "root@openapi.example";
    static final String ADMIN_PASSWORD = "first admin passphrase";

    private static final Duration STARTUP = Duration.ofSeconds(120);

    private static ServerProcess server;
    private static int port;
    private static JsonNode document;

    @BeforeClass
    public static void start() throws Exception {
        Path home = Distribution.freshHome("OpenApiSuiteIT");
        port = Distribution.freePort();
        server = ServerProcess.start(home, Map.of("PORCHLIGHT_HTTP_PORT", Integer.toString(port),
                "PORCHLIGHT_ADMIN_EMAIL", ADMIN_EMAIL, "PORCHLIGHT_ADMIN_PASSWORD", ADMIN_PASSWORD));
        server.awaitReady(STARTUP);
        Http.Response answer = new Http(port).get("/api/openapi.json");
        assertEquals(answer.toString(), 200, answer.status());
        document = answer.json();
    }

    @AfterClass
    public static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static int port() {
        return port;
    }

    /** GET /api/openapi.json as the server answered it right after start. */
    static JsonNode document() {
        return document;
    }
}
