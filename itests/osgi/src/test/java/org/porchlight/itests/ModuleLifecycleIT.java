package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/** Modules come, change and go at runtime; the REST core and the other modules carry on. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ModuleLifecycleIT extends PorchlightTestSupport {

    @Test
    public void aModulesRouteAppearsChangesOnUpdateAndBecomesA404OnUninstall() throws Exception {
        Bundle restCore = bundle("org.porchlight.rest");
        long restCoreId = restCore.getBundleId();
        long frameworkStarted = context.getBundle(0).getLastModified();

        Bundle greeting = install(Fixtures.greeting(1));
        Http.Response first = http.await("/api/itest/greeting", r -> r.status() == 200, SWAP_TIMEOUT);
        assertEquals(1, first.json().path("version").asInt());
        assertEquals("hello", first.json().path("text").asText());
        JsonNode paths = http.get("/api/openapi.json").json().path("paths");
        assertTrue(paths.has("/itest/greeting"));
        assertFalse(paths.has("/itest/greeting/named"));

        try (InputStream v2 = Files.newInputStream(Fixtures.greeting(2))) {
            greeting.update(v2);
        }
        Http.Response second = http.await("/api/itest/greeting", r -> r.status() == 200 && r.json().path("version").asInt() == 2,
                SWAP_TIMEOUT);
        assertEquals("hello again", second.json().path("text").asText());
        assertEquals("2.0.0", greeting.getVersion().toString());
        assertEquals("hello Kim", http.get("/api/itest/greeting/named?name=Kim").json().path("text").asText());
        assertTrue(http.get("/api/openapi.json").json().path("paths").has("/itest/greeting/named"));

        greeting.uninstall();
        Http.Response gone = http.await("/api/itest/greeting", r -> r.status() == 404, SWAP_TIMEOUT);
        assertEquals("application/problem+json", gone.header("Content-Type").orElse(""));
        assertFalse(http.get("/api/openapi.json").json().path("paths").has("/itest/greeting"));

        // No restart: the same framework and the same REST core served all of it.
        assertEquals(frameworkStarted, context.getBundle(0).getLastModified());
        assertEquals(Bundle.ACTIVE, context.getBundle(restCoreId).getState());
        assertEquals(200, http.get("/api/health").status());
    }

    @Test
    public void aModuleThatFailsToActivateDegradesHealthButNothingElse() throws Exception {
        Bundle echo = install(Fixtures.echo());
        http.await("/api/itest/echo/page?limit=1", r -> r.status() == 200, SWAP_TIMEOUT);

        Bundle failing = install(Fixtures.failing());
        assertEquals("the bundle itself starts; its component is what fails", Bundle.ACTIVE, failing.getState());
        Http.Response degraded = http.await("/api/health", r -> r.json().path("status").asText().equals("DEGRADED"), SWAP_TIMEOUT);
        assertEquals("a degraded server still serves", 200, degraded.status());
        JsonNode failed = degraded.json().path("checks").path("runtime").path("details").path("failedComponents");
        assertEquals(1, failed.size());
        assertEquals("org.porchlight.itests.fixture.failing.FailingComponent", failed.path(0).path("component").asText());
        assertEquals(Fixtures.FAILING, failed.path(0).path("bundle").asText());
        assertTrue(failed.path(0).path("reason").asText(), failed.path(0).path("reason").asText().contains("no licence key"));
        assertTrue(degraded.json().path("reason").asText().contains("FailingComponent"));
        assertEquals("UP", degraded.json().path("checks").path("database").path("status").asText());

        // The other modules and the core endpoints carry on.
        assertEquals(200, http.get("/api/itest/echo/page?limit=3").status());
        assertEquals(200, http.get("/api/admin/modules", asAdmin()).status());
        assertEquals(200, http.get("/api/openapi.json").status());

        failing.uninstall();
        echo.uninstall();
        Http.Response up = http.await("/api/health", r -> r.json().path("status").asText().equals("UP"), SWAP_TIMEOUT);
        assertEquals(200, up.status());
        assertNull(bundle(Fixtures.FAILING));
    }

    @Test
    public void anUnresolvableModuleIsReportedAsInactive() throws Exception {
        // A bundle that imports a package nobody exports never resolves.
        Bundle broken = context.installBundle("itest:unresolvable", unresolvableBundle());
        try {
            broken.start();
        } catch (org.osgi.framework.BundleException expected) {
            // start fails: the import is missing
        }
        Http.Response degraded = http.await("/api/health", r -> r.json().path("status").asText().equals("DEGRADED"), SWAP_TIMEOUT);
        JsonNode inactive = degraded.json().path("checks").path("runtime").path("details").path("inactiveBundles");
        assertEquals("org.porchlight.itest.unresolvable", inactive.path(0).path("bundle").asText());
        broken.uninstall();
        http.await("/api/health", r -> r.json().path("status").asText().equals("UP"), SWAP_TIMEOUT);
    }

    private static InputStream unresolvableBundle() throws java.io.IOException {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        java.util.jar.Attributes main = manifest.getMainAttributes();
        main.put(java.util.jar.Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", "org.porchlight.itest.unresolvable");
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Import-Package", "org.example.nobody.exports.this");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.jar.JarOutputStream jar = new java.util.jar.JarOutputStream(bytes, manifest)) {
            jar.flush();
        }
        return new java.io.ByteArrayInputStream(bytes.toByteArray());
    }
}
