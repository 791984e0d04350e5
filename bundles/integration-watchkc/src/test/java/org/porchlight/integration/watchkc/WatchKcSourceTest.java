package org.porchlight.integration.watchkc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.porchlight.api.plugins.PluginScope;
import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.api.registry.SyncRequest;

class WatchKcSourceTest {

    @TempDir
    Path dir;

    /** A configuration as DS would build it from these properties (by method name), defaults for the rest. */
    private static WatchKcConfiguration config(Object... nameValuePairs) {
        Map<String, Object> values = new HashMap<>();
        values.put("porchlight_registry_source", "kcpd-watchkc");
        values.put("porchlight_registry_agency", "KCPD");
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            values.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return (WatchKcConfiguration) Proxy.newProxyInstance(WatchKcConfiguration.class.getClassLoader(),
                new Class<?>[] {WatchKcConfiguration.class},
                (proxy, method, args) -> values.containsKey(method.getName()) ? values.get(method.getName())
                        : method.getDefaultValue());
    }

    private CameraRegistryProvider source(WatchKcConfiguration config) {
        return WatchKcSource.feed(config, dir.resolve("downloads"), null, TestOutbound.unused());
    }

    @Test
    void aFolderSourceImportsWhatIsDroppedInTheFolder() throws Exception {
        Path feeds = Files.createDirectory(dir.resolve("feeds"));
        Path feed = TestFeeds.write(feeds.resolve("kcpd.csv"), TestFeeds.HEADER + "\n" + TestFeeds.row("A-1") + "\n");
        Files.setLastModifiedTime(feed, FileTime.from(Instant.now().minusSeconds(60)));
        RecordingSink sink = new RecordingSink();

        source(config("folder", feeds.toString())).sync(new SyncRequest(null, null, false), sink);

        assertThat(sink.acceptedIds()).containsExactly("A-1");
    }

    @Test
    void aUrlSourceIsCreatedForHttpAndHttps() {
        source(config("url", "http://feeds.example.org/watchkc.csv"));
        source(config("url", "HTTPS://feeds.example.org/watchkc.csv?token=abc"));
    }

    @Test
    void aSourceNeedsAFolderOrAUrl() {
        assertThatThrownBy(() -> source(config()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source kcpd-watchkc: set folder or url");
    }

    @Test
    void aSourceCannotHaveBothAFolderAndAUrl() {
        assertThatThrownBy(() -> source(config("folder", dir.toString(), "url", "https://feeds.example.org/a.csv")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source kcpd-watchkc: set folder or url, not both");
    }

    @Test
    void onlyHttpAndHttpsUrlsAreFetched() {
        for (String url : new String[] {"ftp://feeds.example.org/a.csv", "file:///etc/passwd", "feeds.example.org/a.csv",
                "https:///no-host", "http://bad host/"}) {
            assertThatThrownBy(() -> source(config("url", url)))
                    .as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("source kcpd-watchkc: url must be an http or https URL");
        }
    }

    @Test
    void aFolderMustBeAnAbsolutePath() {
        assertThatThrownBy(() -> source(config("folder", "feeds/kcpd")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("source kcpd-watchkc: folder must be an absolute path");
    }

    @Test
    void theSourceIdMustFollowTheSdkPattern() {
        assertThatThrownBy(() -> source(config("porchlight_registry_source", "KCPD WatchKC", "folder", dir.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("porchlight.registry.source must be");
        assertThatThrownBy(() -> source(config("porchlight_registry_source", null, "folder", dir.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("porchlight.registry.source must be");
    }

    @Test
    void theAgencyMustBeAnAgencyCode() {
        assertThatThrownBy(() -> source(config("porchlight_registry_agency", "Kansas City PD", "folder", dir.toString())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("porchlight.registry.agency must be an agency code");
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> source(config("maxBytes", 0L, "folder", dir.toString())))
                .hasMessage("source kcpd-watchkc: maxBytes must be at least 1");
        assertThatThrownBy(() -> source(config("readTimeoutSeconds", 0, "folder", dir.toString())))
                .hasMessageContaining("readTimeoutSeconds must be at least 1");
        assertThatThrownBy(() -> source(config("porchlight_registry_interval", -5, "folder", dir.toString())))
                .hasMessageContaining("porchlight.registry.interval must be at least 1");
    }

    @Test
    void activationRegistersTheFeedWithTheConfigurationsPublicPropertiesAndDeactivationWithdrawsIt() {
        Map<String, Object> registered = new HashMap<>();
        List<String> calls = new ArrayList<>();
        ServiceRegistration<?> registration = proxy(ServiceRegistration.class, (method, args) -> {
            calls.add(method);
            return null;
        });
        BundleContext context = proxy(BundleContext.class, (method, args) -> {
            calls.add(method);
            if (method.equals("registerService")) {
                assertThat(args[0]).isEqualTo(CameraRegistryProvider.class);
                assertThat(args[1]).isInstanceOf(WatchedFolder.class);
                Dictionary<?, ?> properties = (Dictionary<?, ?>) args[2];
                for (Object key : Collections.list(properties.keys())) {
                    registered.put((String) key, properties.get(key));
                }
                return registration;
            }
            return method.equals("getDataFile") ? dir.resolve("data").toFile() : null;
        });
        Map<String, Object> properties = Map.of("porchlight.registry.source", "kcpd-watchkc",
                "porchlight.registry.agency", "KCPD", "porchlight.registry.interval", "600", "folder", dir.toString(),
                ".secret", "not for the registry");

        WatchKcSource component = new WatchKcSource(
                config("folder", dir.toString(), "porchlight_registry_interval", 600), properties, context,
                TestOutbound.unused());
        component.deactivate();

        assertThat(registered).containsOnlyKeys("porchlight.registry.source", "porchlight.registry.agency",
                "porchlight.registry.interval", "folder");
        assertThat(registered.get("porchlight.registry.interval")).isEqualTo(600);
        assertThat(calls).containsExactly("getDataFile", "registerService", "unregister");
    }

    @Test
    void aConfigurationThePlatformMadeForAnAgencyReadsItsFolderWithoutFollowingLinks() throws Exception {
        Path feeds = Files.createDirectories(dir.resolve("agencies/KCPD/feeds"));
        Path outside = TestFeeds.write(dir.resolve("outside.csv"), TestFeeds.HEADER + "\n" + TestFeeds.row("X-1") + "\n");
        Files.setLastModifiedTime(outside, FileTime.from(Instant.now().minusSeconds(60)));
        Files.createSymbolicLink(feeds.resolve("kcpd.csv"), outside);
        List<Object> provider = new ArrayList<>();
        List<String> dataFiles = new ArrayList<>();
        BundleContext context = proxy(BundleContext.class, (method, args) -> {
            if (method.equals("registerService")) {
                provider.add(args[1]);
                return proxy(ServiceRegistration.class, (m, a) -> null);
            }
            if (method.equals("getDataFile")) {
                dataFiles.add((String) args[0]);
                return dir.resolve("data").resolve((String) args[0]).toFile();
            }
            return null;
        });
        Map<String, Object> properties = Map.of("porchlight.registry.source", "kcpd-watchkc",
                "porchlight.registry.agency", "KCPD", "folder", feeds.toString(), PluginScope.AGENCY, "KCPD");

        new WatchKcSource(config("folder", feeds.toString()), properties, context, TestOutbound.unused());

        assertThat(dataFiles).containsExactly("downloads", "staging");
        WatchedFolder folder = (WatchedFolder) provider.get(0);
        assertThat(folder.confined()).isTrue();
        RecordingSink sink = new RecordingSink();
        assertThatThrownBy(() -> folder.sync(new SyncRequest(null, null, false), sink))
                .isInstanceOf(InvalidFeedException.class).hasMessageContaining("a symbolic link");
        assertThat(sink.touched()).isFalse();
        assertThat(((WatchedFolder) source(config("folder", feeds.toString()))).confined())
                .as("a configuration the server's admin made").isFalse();
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.apply(method.getName(), args));
    }
}
