package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Version;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A plugin built against an older SDK keeps working: the fixture plugin is compiled and assembled
 * with bnd against SDK release 0.0.1 (itests/fixtures-released-sdk, sdk-releases/), so its manifest
 * imports that release's package versions, and it is installed on the current runtime, whose SDK
 * has moved on by minor versions.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SdkCompatibilityIT extends PorchlightTestSupport {

    private static final String SDK = "org.porchlight.api";
    private static final String ROUTE = "/api/itest/oldsdk/agencies/%s/jurisdiction";

    @Test
    public void aPluginBuiltAgainstSdkRelease001ResolvesActivatesAndServesOnTheCurrentSdk() throws Exception {
        String[] admin = asAdmin();
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency("OSDK"), admin).status());

        Bundle plugin = install(Fixtures.releasedSdkPlugin());
        assertEquals(Bundle.ACTIVE, plugin.getState());

        // Its manifest imports release 0.0.1's versions (bnd: from the exported version to the next major);
        // built against the current SDK, geo and security would read [1.1,2)...
        String imports = plugin.getHeaders().get("Import-Package");
        for (String clause : new String[] {"geo;version=\"[1.0,2)\"", "security;version=\"[1.0,2)\"",
                "tenancy;version=\"[1.0,2)\"", "health;version=\"[1.0,2)\"", "problem;version=\"[1.1,2)\""}) {
            assertTrue(imports, imports.contains(SDK + "." + clause));
        }
        // ...and the runtime wired two of them to newer minor versions of the current SDK.
        Map<String, BundleWire> wires = packageWires(plugin);
        for (String newer : new String[] {"geo", "security"}) {
            BundleWire wire = wires.get(SDK + "." + newer);
            assertNotNull("no wire for " + newer, wire);
            assertEquals(SDK, wire.getProvider().getSymbolicName());
            Version exported = (Version) wire.getCapability().getAttributes().get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE);
            assertTrue(newer + " " + exported + " is a later minor version than the plugin was built against",
                    exported.getMajor() == 1 && exported.getMinor() >= 1);
        }

        // Its route works over HTTP, anonymous and signed in, through the SDK's Agencies service, for an agency
        // that enabled it (a plugin's route that names an agency answers only for the agencies it serves)...
        String route = String.format(ROUTE, "OSDK");
        // Served by the REST runtime (the module lists the route), yet not for an agency that has not enabled it.
        http.await("/api/admin/modules/" + plugin.getBundleId(), r -> r.json().path("routes").toString().contains("/jurisdiction"),
                SWAP_TIMEOUT, admin);
        assertEquals("a plugin not enabled by the agency answers nothing for it", 404, http.get(route).status());
        enablePlugin("OSDK", Fixtures.RELEASED_SDK_PLUGIN, admin);
        JsonNode anonymous = http.await(route, r -> r.status() == 200, SWAP_TIMEOUT).json();
        assertEquals("OSDK", anonymous.path("agency").asText());
        assertEquals("OSDK Police", anonymous.path("name").asText());
        assertEquals("circle", anonymous.path("area").path("type").asText());
        assertEquals(20000, anonymous.path("area").path("radiusMeters").asDouble(), 0);
        assertFalse(anonymous.has("askedBy"));
        assertEquals("PLATFORM_ADMIN", http.get(route, admin).json().path("askedBy").asText());
        Http.Response unknown = http.get(String.format(ROUTE, "NOSUCH"));
        assertEquals(404, unknown.status());
        assertEquals("application/problem+json", unknown.header("Content-Type").orElse(""));
        // (an agency that does not exist enabled nothing: the platform answers before the plugin is asked)

        // ...and the core's health report (cached briefly) asks its HealthCheck, an SPI implemented against 0.0.1.
        JsonNode check = http.await("/api/health", r -> !oldSdkCheck(r).isMissingNode(), SWAP_TIMEOUT).json()
                .path("checks").path("itest-oldsdk");
        assertEquals("UP", check.path("status").asText());
        assertEquals("porchlight-api 0.0.1", check.path("details").path("builtAgainst").asText());

        plugin.uninstall();
        http.await(route, r -> r.status() == 404, SWAP_TIMEOUT);
        http.await("/api/health", r -> oldSdkCheck(r).isMissingNode(), SWAP_TIMEOUT);
    }

    private static JsonNode oldSdkCheck(Http.Response health) {
        return health.json().path("checks").path("itest-oldsdk");
    }

    private static Map<String, BundleWire> packageWires(Bundle bundle) {
        Map<String, BundleWire> wires = new HashMap<>();
        for (BundleWire wire : bundle.adapt(BundleWiring.class).getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE)) {
            wires.put((String) wire.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE), wire);
        }
        return wires;
    }
}
