package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class CoreEndpointsIT extends PorchlightTestSupport {

    @Test
    public void testsUseTheFrameworksBundlesNotTheirOwnClassPath() {
        // Guards STACK.md pitfall 6: a library leaking in from the test class path would hide missing imports.
        Bundle jackson = FrameworkUtil.getBundle(ObjectMapper.class);
        assertEquals("com.fasterxml.jackson.core.jackson-databind", jackson.getSymbolicName());
    }

    @Test
    public void everyCoreBundleIsActiveOrAResolvedFragment() {
        List<String> notRunning = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders("").get("Fragment-Host") != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                notRunning.add(bundle.getSymbolicName() + " is in state " + bundle.getState());
            }
        }
        assertTrue(notRunning.toString(), notRunning.isEmpty());
    }

    @Test
    public void healthIsUpWithTheDatabaseAndTheRuntime() {
        Http.Response health = http.get("/api/health");
        assertEquals(health.toString(), 200, health.status());
        JsonNode body = health.json();
        assertEquals("UP", body.path("status").asText());
        assertEquals("UP", body.path("checks").path("database").path("status").asText());
        assertEquals("H2", body.path("checks").path("database").path("details").path("product").asText());
        assertTrue(body.path("checks").path("database").path("critical").asBoolean());
        assertEquals("UP", body.path("checks").path("runtime").path("status").asText());
        assertEquals("no-store", health.header("Cache-Control").orElse("").split(",")[0].trim());
    }

    @Test
    public void healthShowsDetailsOnlyToPlatformAdminsAndLocalCallers() {
        // Through a proxy, the caller is somebody on the network: the status, nothing more.
        Http.Response remote = http.get("/api/health", "X-Forwarded-For", "203.0.113.9");
        assertEquals(200, remote.status());
        assertEquals("UP", remote.json().path("status").asText());
        assertEquals("UP", remote.json().path("checks").path("database").path("status").asText());
        assertTrue(remote.body(), remote.json().path("checks").path("database").path("details").isEmpty());

        String[] admin = asAdmin();
        Http.Response asAdmin = http.get("/api/health", admin[0], admin[1], "X-Forwarded-For", "203.0.113.9");
        assertEquals("H2", asAdmin.json().path("checks").path("database").path("details").path("product").asText());
        assertEquals("a local caller sees them too", "H2",
                http.get("/api/health").json().path("checks").path("database").path("details").path("product").asText());
    }

    @Test
    public void modulesListsEveryInstalledBundleWithVersionAndState() {
        assertEquals("platform admins only", 401, http.get("/api/admin/modules").status());
        Http.Response modules = http.get("/api/admin/modules", asAdmin());
        assertEquals(200, modules.status());
        JsonNode list = modules.json().path("modules");
        assertEquals(context.getBundles().length, list.size());
        JsonNode store = find(list, "org.porchlight.store");
        assertEquals("ACTIVE", store.path("state").asText());
        assertEquals(bundle("org.porchlight.store").getVersion().toString(), store.path("version").asText());
        assertEquals("core", store.path("provenance").asText());
        assertTrue("the platform runs on it", store.path("protectedModule").asBoolean());
        assertEquals("RESOLVED", find(list, "org.porchlight.flyway.gson").path("state").asText());
        JsonNode registry = find(list, "org.porchlight.registry");
        assertFalse("a domain module may be swapped", registry.path("protectedModule").asBoolean());
        assertTrue(registry.path("routes").toString(), registry.path("routes").toString().contains("/agencies/{agency}/registry"));
        assertTrue(registry.path("services").toString().contains("org.porchlight.api.registry.CameraRegistry"));
    }

    @Test
    public void changingModulesTakesAPlatformAdmin() {
        Http.Response upload = http.send("POST", "/api/admin/modules", "application/java-archive", "PK");
        assertEquals(401, upload.status());
        // The body was never read: the answer says so, and the next request takes a new connection.
        assertEquals("close", upload.header("Connection").orElse(""));
        assertEquals(401, http.send("DELETE", "/api/admin/modules/1", null, null).status());
    }

    @Test
    public void openApiDescribesTheCoreRoutes() {
        Http.Response openApi = http.get("/api/openapi.json");
        assertEquals(200, openApi.status());
        JsonNode doc = openApi.json();
        assertTrue(doc.path("openapi").asText().startsWith("3."));
        assertEquals("/api", doc.path("servers").path(0).path("url").asText());
        JsonNode paths = doc.path("paths");
        assertTrue(paths.has("/health"));
        assertTrue(paths.has("/admin/modules"));
        assertTrue(paths.has("/openapi.json"));
        assertTrue(paths.path("/admin/modules").has("get"));
        assertTrue(paths.path("/admin/modules").has("post"));
    }

    @Test
    public void aGivenRequestIdIsEchoedAndAMissingOneIsMinted() {
        Http.Response given = http.get("/api/health", "X-Request-Id", "incident-42.a");
        assertEquals("incident-42.a", given.header("X-Request-Id").orElse(""));

        String minted = http.get("/api/health").header("X-Request-Id").orElse("");
        assertTrue(minted, minted.matches("[0-9a-f]{32}"));
        assertNotEquals(minted, http.get("/api/health").header("X-Request-Id").orElse(""));
    }

    @Test
    public void anUnsafeRequestIdIsReplacedRatherThanEchoed() {
        String answered = http.get("/api/health", "X-Request-Id", "<script>alert(1)</script>").header("X-Request-Id").orElse("");
        assertTrue(answered, answered.matches("[0-9a-f]{32}"));
        String tooLong = "a".repeat(200);
        assertNotEquals(tooLong, http.get("/api/health", "X-Request-Id", tooLong).header("X-Request-Id").orElse(""));
    }

    @Test
    public void errorsCarryTheRequestIdInHeaderAndBody() {
        Http.Response missing = http.get("/api/no-such-route", "X-Request-Id", "trace-me");
        assertEquals(404, missing.status());
        assertEquals("application/problem+json", missing.header("Content-Type").orElse(""));
        assertEquals("trace-me", missing.header("X-Request-Id").orElse(""));
        assertEquals("trace-me", missing.json().path("requestId").asText());
        assertEquals("/api/no-such-route", missing.json().path("instance").asText());
        assertFalse(missing.body().contains("Exception"));
    }

    private static JsonNode find(JsonNode list, String symbolicName) {
        for (JsonNode module : list) {
            if (symbolicName.equals(module.path("symbolicName").asText())) {
                return module;
            }
        }
        throw new AssertionError(symbolicName + " not listed");
    }
}
