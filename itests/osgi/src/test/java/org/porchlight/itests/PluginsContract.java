package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import javax.inject.Inject;

import org.junit.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;
import org.porchlight.itests.support.PortalSession;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Plugins per agency, against each database: an agency admin enables the shipped WatchKC plugin
 * with a feed folder of their own, and a file dropped there is imported for their agency only;
 * another agency sees none of it; settings are checked against the plugin's metatype and a folder
 * never leaves the agency's folder; disabling removes the configuration; every change is audited.
 */
public abstract class PluginsContract extends PorchlightTestSupport {

    static final String WATCHKC = "org.porchlight.integration.watchkc";
    /** Agencies of this run: on PostgreSQL, earlier runs' agencies and their plugin choices are still there. */
    private final String run = UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    private final String A = "PA" + run;
    private final String B = "PB" + run;
    private final String C = "PC" + run;
    private final String D = "PD" + run;
    private final String E = "PE" + run;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Test
    public void anAgencyEnablesWatchKcWithItsOwnFolderAndNoOtherAgencySeesIt() throws Exception {
        String[] admin = asAdmin();
        long start = auditMark(admin);
        for (String code : List.of(A, B)) {
            http.postJson("/api/agencies", IdentityIT.agency(code), admin);
        }
        String[] adminA = staffSession(A, "admin@" + A.toLowerCase(Locale.ROOT) + ".example", "AGENCY_ADMIN", admin);
        String[] adminB = staffSession(B, "admin@" + B.toLowerCase(Locale.ROOT) + ".example", "AGENCY_ADMIN", admin);
        String[] officerA = staffSession(A, "officer@" + A.toLowerCase(Locale.ROOT) + ".example", "OFFICER", admin);
        Http.Response installed = http.upload("POST", "/api/admin/modules",
                Distribution.folder().resolve("plugins/porchlight-integration-watchkc.jar"), admin);
        assertEquals(installed.body(), 201, installed.status());
        String plugins = "/api/agencies/" + A + "/plugins";
        String watchkc = plugins + "/" + WATCHKC;

        // The agency sees the plugin, not enabled, with what it may set (not what the platform sets).
        JsonNode offered = http.await(plugins, r -> r.status() == 200 && r.body().contains("\"settable\":[{"),
                Duration.ofSeconds(20), adminA).json();
        JsonNode entry = find(offered, WATCHKC);
        assertFalse(entry.toString(), entry.path("enabled").asBoolean());
        assertEquals(WATCHKC, entry.path("factoryPid").asText());
        List<String> settable = new ArrayList<>();
        entry.path("settable").forEach(s -> settable.add(s.path("id").asText()));
        assertTrue(settable.toString(), settable.contains("folder") && settable.contains("url"));
        assertFalse(settable.toString(), settable.contains("porchlight.registry.source")
                || settable.contains("porchlight.registry.agency"));
        assertEquals(403, http.get(plugins, officerA).status());

        // Bad settings: 400 naming the field.
        assertField(http.send("PUT", watchkc, "application/json", choice(true, "\"colour\":\"red\""), adminA), "settings.colour");
        assertField(http.send("PUT", watchkc, "application/json", choice(true, "\"folder\":\"../x\""), adminA),
                "settings.folder");
        assertField(http.send("PUT", watchkc, "application/json", choice(true, "\"folder\":\"/etc\""), adminA),
                "settings.folder");
        assertField(http.send("PUT", watchkc, "application/json", choice(true, "\"porchlight.registry.interval\":\"often\""),
                adminA), "settings.porchlight.registry.interval");
        assertField(http.send("PUT", watchkc, "application/json", choice(true, "\"porchlight.registry.agency\":\"" + B + "\""),
                adminA), "settings.porchlight.registry.agency");
        assertEquals(404, http.send("PUT", plugins + "/org.example.nothing", "application/json", choice(true, ""), adminA)
                .status());
        assertTrue("nothing was configured", agencyConfigurations(A).isEmpty());

        // Enabled with its own folder: the platform's configuration, for the agency alone.
        Http.Response enabled = http.send("PUT", watchkc, "application/json",
                choice(true, "\"folder\":\"feed\",\"quietSeconds\":0,\"porchlight.registry.interval\":1"), adminA);
        assertEquals(enabled.body(), 200, enabled.status());
        assertTrue(enabled.json().path("enabled").asBoolean());
        assertEquals("feed", enabled.json().path("settings").path("folder").asText());
        List<Configuration> configurations = agencyConfigurations(A);
        assertEquals(1, configurations.size());
        Path data = Path.of(context.getProperty("porchlight.data"));
        Path folder = data.resolve("agencies").resolve(A).resolve("feed").toAbsolutePath();
        var properties = configurations.get(0).getProperties();
        assertEquals(folder.toString(), properties.get("folder"));
        assertEquals(A, properties.get("porchlight.registry.agency"));
        assertEquals(source(), properties.get("porchlight.registry.source"));
        assertEquals(WATCHKC + "~agency-" + A.toLowerCase(Locale.ROOT), configurations.get(0).getPid());

        // A feed dropped into the agency's folder is imported for the agency.
        Files.writeString(folder.resolve(".feed.part"), RegistryImportContract.HEADER + "\n"
                + RegistryImportContract.row("P-1", "1 Plugin St", 39.1, "2026-01-01T00:00:00Z", "active") + "\n");
        Files.move(folder.resolve(".feed.part"), folder.resolve("feed.csv"));
        http.await("/api/registry/imports", r -> r.body().contains(source()) && r.body().contains("COMPLETED"),
                Duration.ofSeconds(60), adminA);
        assertEquals(1, rows("SELECT COUNT(*) FROM registry.camera WHERE source = '" + source() + "'"));
        assertEquals(0, http.get("/api/registry/imports", adminB).json().size());

        // The platform's scope: the provider serves A, not B.
        PluginScope scope = service(PluginScope.class, null);
        Collection<ServiceReference<CameraRegistryProvider>> providers = context.getServiceReferences(
                CameraRegistryProvider.class, "(" + CameraRegistryProvider.SOURCE + "=" + source() + ")");
        assertEquals(1, providers.size());
        Map<String, Object> serviceProperties = new HashMap<>();
        ServiceReference<CameraRegistryProvider> provider = providers.iterator().next();
        for (String key : provider.getPropertyKeys()) {
            serviceProperties.put(key, provider.getProperty(key));
        }
        assertTrue(scope.serves(serviceProperties, A));
        assertFalse(scope.serves(serviceProperties, B));

        // Agency B sees none of it.
        JsonNode seenByB = find(http.get("/api/agencies/" + B + "/plugins", adminB).json(), WATCHKC);
        assertFalse(seenByB.path("enabled").asBoolean());
        assertEquals(0, seenByB.path("settings").size());
        assertEquals(404, http.get(plugins, adminB).status());
        assertEquals(404, http.get(watchkc, adminB).status());
        assertEquals(404, http.send("PUT", watchkc, "application/json", choice(false, ""), adminB).status());
        assertEquals(404, http.send("DELETE", watchkc, null, null, adminB).status());

        // The platform admin's catalogue says who enabled it, and what it adds.
        JsonNode catalogue = find(http.get("/api/admin/plugins", admin).json(), WATCHKC);
        assertEquals(catalogue.toString(), List.of(A), strings(catalogue.path("agencies")));
        assertTrue(catalogue.toString(), strings(catalogue.path("extensionPoints")).contains("CameraRegistryProvider"));
        assertEquals(WATCHKC, catalogue.path("factoryPid").asText());
        assertEquals(403, http.get("/api/admin/plugins", adminA).status());

        // A plugin without the header is enabled and disabled, without settings.
        Http.Response greeting = http.upload("POST", "/api/admin/modules", Fixtures.signed(Fixtures.greeting(1)), admin);
        assertEquals(greeting.body(), 201, greeting.status());
        String plain = plugins + "/" + greeting.json().path("symbolicName").asText();
        assertField(http.send("PUT", plain, "application/json", choice(true, "\"x\":1"), adminA), "settings");
        Http.Response plainOn = http.send("PUT", plain, "application/json", "{\"enabled\":true}", adminA);
        assertEquals(plainOn.body(), 200, plainOn.status());
        assertTrue(plainOn.json().path("enabled").asBoolean());

        // Disabling removes the configuration.
        Http.Response removed = http.send("DELETE", watchkc, null, null, adminA);
        assertEquals(removed.body(), 200, removed.status());
        assertFalse(removed.json().path("enabled").asBoolean());
        assertTrue("the configuration is gone", agencyConfigurations(A).isEmpty());

        // The portal page: the agency's plugins, and the settings form refusing a folder outside, then enabling.
        PortalSession portal = signedIn("admin@" + A.toLowerCase(Locale.ROOT) + ".example", PEOPLE_PASSWORD);
        Http.Response list = page(portal, "/plugins");
        assertEquals(list.body(), 200, list.status());
        assertTrue(list.body(), list.body().contains("/plugins/" + WATCHKC + "/enable"));
        Http.Response form = page(portal, "/plugins/" + WATCHKC);
        assertEquals(form.body(), 200, form.status());
        assertTrue(form.body(), form.body().contains("name=\"folder\""));
        Http.Response refused = submit(portal, "/plugins/" + WATCHKC, Map.of("csrf", portal.csrf, "folder", "../x",
                "quietSeconds", "0", "porchlight.registry.interval", "1"));
        assertEquals(400, refused.status());
        assertTrue(refused.body(), refused.body().contains("id=\"setting-folder-error\""));
        Http.Response saved = submit(portal, "/plugins/" + WATCHKC, Map.of("csrf", portal.csrf, "folder", "portal-feed",
                "quietSeconds", "0", "porchlight.registry.interval", "1"));
        assertEquals(saved.body(), 303, saved.status());
        assertEquals(data.resolve("agencies").resolve(A).resolve("portal-feed").toAbsolutePath().toString(),
                agencyConfigurations(A).get(0).getProperties().get("folder"));
        assertEquals(303, submit(portal, "/plugins/" + WATCHKC + "/disable", Map.of("csrf", portal.csrf)).status());
        assertTrue("disabled from the page: the configuration is gone", agencyConfigurations(A).isEmpty());

        // Every change is in the audit log, with the agency.
        awaitAudited(A, "plugin.", start, admin, changes -> changes.contains("plugin.enabled plugin=" + WATCHKC + " version=1")
                && changes.stream().anyMatch(c -> c.endsWith("plugin=" + WATCHKC + " version=2"))
                && changes.stream().anyMatch(c -> c.startsWith("plugin.removed ")));
    }

    /**
     * A plugin with its own route: its settings checked against every kind of metatype rule, and a
     * change of its configuration (which holds the plugin's routes while it settles) saved by a call
     * that is itself no route of the plugin, so it does not wait for itself.
     */
    @Test
    public void aPluginsSettingsAreCheckedAgainstItsMetatypeAndAChangeHoldsOnlyItsOwnRoutes() throws Exception {
        String[] admin = asAdmin();
        http.postJson("/api/agencies", IdentityIT.agency(C), admin);
        String[] adminC = staffSession(C, "admin@" + C.toLowerCase(Locale.ROOT) + ".example", "AGENCY_ADMIN", admin);
        Http.Response installed = http.upload("POST", "/api/admin/modules", Fixtures.signed(Fixtures.settable()), admin);
        assertEquals(installed.body(), 201, installed.status());
        String settable = "/api/agencies/" + C + "/plugins/" + Fixtures.SETTABLE;
        http.await(settable, r -> r.status() == 200 && r.body().contains("\"settable\":[{"), Duration.ofSeconds(20), adminC);

        assertField(http.send("PUT", settable, "application/json", choice(true, "\"limit\":5"), adminC), "settings.label");
        assertField(http.send("PUT", settable, "application/json", choice(true, "\"label\":\"x\",\"mode\":\"loose\""), adminC),
                "settings.mode");
        assertField(http.send("PUT", settable, "application/json", choice(true, "\"label\":\"x\",\"limit\":0"), adminC),
                "settings.limit");
        assertField(http.send("PUT", settable, "application/json", choice(true, "\"label\":\"x\",\"alert\":\"yes\""), adminC),
                "settings.alert");
        assertField(http.send("PUT", settable, "application/json", choice(true, "\"label\":\"x\",\"agency\":\"" + A + "\""), adminC),
                "settings.agency");

        Http.Response on = http.send("PUT", settable, "application/json",
                choice(true, "\"label\":\"first\",\"limit\":5,\"mode\":\"lenient\",\"alert\":true"), adminC);
        assertEquals(on.body(), 200, on.status());
        http.await("/api/itest/settable", r -> r.body().contains(C + ":first:5:lenient:true"), SWAP_TIMEOUT);
        Http.Response changed = http.send("PUT", settable, "application/json", choice(true, "\"label\":\"second\",\"limit\":6"),
                adminC);
        assertEquals(changed.body(), 200, changed.status());
        http.await("/api/itest/settable", r -> r.body().contains(C + ":second:6:strict:false"), SWAP_TIMEOUT);
        assertEquals(200, http.send("DELETE", settable, null, null, adminC).status());
        http.await("/api/itest/settable", r -> r.status() == 200 && !r.body().contains(C + ":"), SWAP_TIMEOUT);
    }

    /**
     * A request policy plugin with the agency's own limit: one agency enables it with its limit, its
     * larger requests are refused while another agency's are not; the agency's public transparency
     * page names the policy; disabling it lifts the limit.
     */
    @Test
    public void aPolicyPluginWithTheAgencysOwnLimitAppliesToThatAgencyAlone() throws Exception {
        String[] admin = asAdmin();
        long start = auditMark(admin);
        for (String code : new String[] {D, E}) {
            http.postJson("/api/agencies", IdentityIT.agency(code), admin);
        }
        String[] adminD = staffSession(D, "admin@" + D.toLowerCase(Locale.ROOT) + ".example", "AGENCY_ADMIN", admin);
        String[] officerD = staffSession(D, "officer@" + D.toLowerCase(Locale.ROOT) + ".example", "OFFICER", admin);
        String[] officerE = staffSession(E, "officer@" + E.toLowerCase(Locale.ROOT) + ".example", "OFFICER", admin);
        Http.Response installed = http.upload("POST", "/api/admin/modules", Fixtures.signed(Fixtures.limitPolicy()), admin);
        assertEquals(installed.body(), 201, installed.status());
        String policy = "/api/agencies/" + D + "/plugins/" + Fixtures.LIMIT_POLICY;
        http.await(policy, r -> r.status() == 200 && r.body().contains("maxRadiusMeters"), Duration.ofSeconds(20), adminD);
        assertEquals("before it is enabled, the plugin limits nobody", 201, draft(D, 400, officerD).status());

        assertField(http.send("PUT", policy, "application/json", choice(true, "\"maxRadiusMeters\":0"), adminD),
                "settings.maxRadiusMeters");
        Http.Response on = http.send("PUT", policy, "application/json", choice(true, "\"maxRadiusMeters\":300"), adminD);
        assertEquals(on.body(), 200, on.status());
        Http.Response refused = awaitRefusal(officerD);
        assertTrue(refused.body(), refused.body().contains("itest-radius-limit") && refused.body().contains("300 m"));
        assertEquals(201, draft(D, 250, officerD).status());
        assertEquals("another agency's requests are not the plugin's business", 201, draft(E, 400, officerE).status());
        // The agency's public transparency page names the policy plugin it uses (never its settings).
        String page = http.await("/api/public/agencies/" + D + "/transparency",
                r -> r.status() == 200 && r.body().contains(Fixtures.LIMIT_POLICY), Duration.ofSeconds(90)).body();
        assertFalse(page, page.contains("maxRadiusMeters"));

        assertEquals(200, http.send("DELETE", policy, null, null, adminD).status());
        http.await("/api/agencies/" + D + "/plugins/" + Fixtures.LIMIT_POLICY, r -> r.body().contains("\"enabled\":false"),
                Duration.ofSeconds(5), adminD);
        assertEquals(201, draft(D, 400, officerD).status());
        awaitAudited(D, "plugin.", start, admin, changes -> changes.stream().anyMatch(c -> c.startsWith("plugin.removed plugin="
                + Fixtures.LIMIT_POLICY + " ")) && changes.stream().anyMatch(c -> c.startsWith("plugin.enabled plugin=")));
    }

    /** The first draft the new limit refuses: the policy's instance for the agency starts a moment after the call. */
    private Http.Response awaitRefusal(String[] officer) throws InterruptedException {
        Http.Response last = null;
        for (int i = 0; i < 100; i++) {
            last = draft(D, 400, officer);
            if (last.status() == 422) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the agency's limit never applied: " + last);
    }

    private Http.Response draft(String agency, double radius, String[] officer) {
        Instant end = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        return http.postJson("/api/agencies/" + agency + "/requests", "{\"caseNumber\":\"" + agency + "-" + System.nanoTime()
                + "\",\"incidentType\":\"THEFT\",\"windowStart\":\"" + end.minus(2, ChronoUnit.HOURS) + "\",\"windowEnd\":\""
                + end + "\",\"area\":{\"type\":\"circle\",\"center\":{\"latitude\":39.0997,\"longitude\":-94.5786},"
                + "\"radiusMeters\":" + radius + "},\"message\":\"A bike was taken from a porch; footage would help.\"}", officer);
    }

    /** The registry source id the platform gives agency A's WatchKC import. */
    private String source() {
        return A.toLowerCase(Locale.ROOT) + "-watchkc";
    }

    private List<Configuration> agencyConfigurations(String agency) throws Exception {
        Configuration[] found = configAdmin.listConfigurations("(" + PluginScope.AGENCY + "=" + agency + ")");
        return found == null ? List.of() : List.of(found);
    }

    private static String choice(boolean enabled, String settings) {
        return "{\"enabled\":" + enabled + ",\"settings\":{" + settings + "}}";
    }

    private static void assertField(Http.Response response, String field) {
        assertEquals(response.body(), 400, response.status());
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        assertTrue(response.body(), fields.contains(field));
    }

    private static JsonNode find(JsonNode list, String plugin) {
        for (JsonNode node : list) {
            if (plugin.equals(node.path("plugin").asText()) || plugin.equals(node.path("symbolicName").asText())) {
                return node;
            }
        }
        throw new AssertionError("no " + plugin + " in " + list);
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        assertNotNull(values);
        return values;
    }
}
