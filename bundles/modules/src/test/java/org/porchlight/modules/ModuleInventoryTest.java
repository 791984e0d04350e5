package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/** What the admin API and the shell say a module is, decided without OSGi. */
class ModuleInventoryTest {

    private static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    @TempDir
    Path history;

    @Test
    void theSystemBundleAndShippedPlatformAndThirdPartyBundlesAreProtectedButShippedFeaturesAndPluginsAreNot() {
        ModuleInventory inventory = inventory();
        assertThat(inventory.isProtected(bundle(0, "org.apache.felix.framework", "file:/opt/porchlight/system/felix.jar")))
                .isTrue();
        assertThat(inventory.isProtected(bundle(5, "org.porchlight.rest", "file:/opt/porchlight/system/rest.jar"))).isTrue();
        assertThat(inventory.isProtected(bundle(6, "org.apache.felix.scr", "file:/opt/porchlight/system/scr.jar"))).isTrue();
        assertThat(inventory.isProtected(bundle(7, "org.porchlight.press", "file:/opt/porchlight/system/press.jar")))
                .as("a feature the server ships, which an agency may stop").isFalse();
        assertThat(inventory.isProtected(bundle(8, "org.porchlight.rest", "file:/opt/porchlight/deploy/rest.jar")))
                .as("a plugin that names itself like the platform is still a plugin").isFalse();
        assertThat(inventory.isProtected(bundle(9, null, "file:/opt/porchlight/system/nameless.jar"))).isTrue();
    }

    @Test
    void aModuleTheManagerChangedShowsWhereItCameFromItsHashAndWhenAndForgetsThemWhenRemoved() throws IOException {
        ModuleInventory inventory = inventory();
        Path file = SignedJars.bundle("org.example.plugin", "1.2.0");
        ModuleJar jar = new ModuleJar(file, "org.example.plugin", Version.parseVersion("1.2.0"), "ab12", null);
        inventory.changed(42, new TrustDecision.Accepted(jar, Provenance.VENDOR, "Example Cameras", false));
        Bundle bundle = bundle(42, "org.example.plugin", "file:/opt/porchlight/deploy/org.example.plugin.jar");

        ModuleView view = inventory.view(bundle, Map.of(42L, Set.of("GET /example")));
        assertThat(view.provenance()).isEqualTo("vendor");
        assertThat(view.publisher()).isEqualTo("Example Cameras");
        assertThat(view.sha256()).isEqualTo("ab12");
        assertThat(view.changedAt()).isEqualTo(NOW);
        assertThat(view.routes()).containsExactly("GET /example");
        assertThat(inventory.sha256(42)).contains("ab12");

        inventory.removed(42);
        assertThat(inventory.sha256(42)).isEmpty();
        assertThat(inventory.view(bundle, Map.of()).provenance()).isEqualTo("unmanaged");
        assertThat(inventory.view(bundle(43, "org.porchlight.press", "file:/opt/porchlight/system/press.jar"), Map.of())
                .provenance()).isEqualTo("core");
    }

    @Test
    void theVersionARollbackReturnsToIsReadFromTheKeptFile() throws IOException {
        ModuleInventory inventory = inventory();
        Bundle bundle = bundle(42, "org.example.plugin", "file:/opt/porchlight/deploy/org.example.plugin.jar");
        assertThat(inventory.view(bundle, Map.of()).previousVersion()).isNull();

        Files.createDirectories(history.resolve("org.example.plugin"));
        Files.copy(SignedJars.bundle("org.example.plugin", "1.1.0"), history.resolve("org.example.plugin/previous.jar"));
        assertThat(inventory.view(bundle, Map.of()).previousVersion()).isEqualTo("1.1.0");
        assertThat(ModuleInventory.versionOf(history.resolve("not-there.jar"))).isNull();
    }

    @Test
    void aBundleThatDoesNotResolveOrWhoseComponentFailedSaysSo() {
        ModuleInventory inventory = inventory();
        assertThat(inventory.view(bundle(42, "org.example.plugin", "file:/deploy/a.jar", Bundle.INSTALLED), Map.of()).problem())
                .isEqualTo("does not resolve (missing packages or capabilities)");
        assertThat(inventory.view(bundle(43, "org.example.failing", "file:/deploy/b.jar", Bundle.ACTIVE), Map.of()).problem())
                .contains("failed to activate");
        assertThat(inventory.view(bundle(44, "org.example.failing", "file:/deploy/c.jar", Bundle.RESOLVED), Map.of()).problem())
                .as("a stopped bundle's components are not running, so nothing failed").isNull();
        assertThat(inventory.view(bundle(45, "org.example.plugin", "file:/deploy/d.jar", Bundle.ACTIVE), Map.of()).problem())
                .isNull();
    }

    @Test
    void statesAreNamedAsTheFrameworkNamesThem() {
        assertThat(ModuleInventory.state(Bundle.INSTALLED)).isEqualTo("INSTALLED");
        assertThat(ModuleInventory.state(Bundle.RESOLVED)).isEqualTo("RESOLVED");
        assertThat(ModuleInventory.state(Bundle.STARTING)).isEqualTo("STARTING");
        assertThat(ModuleInventory.state(Bundle.STOPPING)).isEqualTo("STOPPING");
        assertThat(ModuleInventory.state(Bundle.ACTIVE)).isEqualTo("ACTIVE");
        assertThat(ModuleInventory.state(Bundle.UNINSTALLED)).isEqualTo("UNINSTALLED");
    }

    /** Bundles whose location says "system" are the ones the server ships; those named *.failing have a failed component. */
    private ModuleInventory inventory() {
        return new ModuleInventory(b -> b.getLocation().contains("/system/"),
                b -> b.getSymbolicName().endsWith(".failing") ? "its component x failed to activate: boom" : null, history,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static Bundle bundle(long id, String symbolicName, String location) {
        return bundle(id, symbolicName, location, Bundle.ACTIVE);
    }

    /** A bundle as far as the inventory reads one. */
    private static Bundle bundle(long id, String symbolicName, String location, int state) {
        Hashtable<String, String> headers = new Hashtable<>();
        headers.put(Constants.BUNDLE_NAME, "A module");
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getBundleId" -> id;
                    case "getSymbolicName" -> symbolicName;
                    case "getLocation" -> location;
                    case "getState" -> state;
                    case "getHeaders" -> headers;
                    case "getVersion" -> Version.parseVersion("1.0.0");
                    case "getRegisteredServices" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
