package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.testing.TestPluginScope.registeredBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.audit.AuditVerification;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraRegistryProvider;
import org.porchlight.api.registry.RegistrySink;
import org.porchlight.api.registry.SyncRequest;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;
import org.porchlight.testing.TestPluginScope;

/**
 * Which provider syncs a source, and when: a provider the scope lets serve takes a source id over from one it does not,
 * and a source that starts serving its agency syncs within seconds rather than after its interval.
 */
class RegistrySyncTest {

    private static final long OWN = 3;
    private static final long OLD_PLUGIN = 42;
    private static final long NEW_PLUGIN = 43;
    private static final String SOURCE = "kc-feed";
    private static final AgencyProfile KCPD = new AgencyProfile("KCPD", "Kansas City Police",
            new Circle(new GeoPoint(39.0997, -94.5786), 20_000), null, null);

    private final TestDatabase database = TestDatabase.inMemory("registry");
    private final RecordedAudit audit = new RecordedAudit();
    private final RegistrySync sync = new RegistrySync(database,
            new Registry(database, TestAgencies.of(KCPD),
                    TestConfiguration.of(RegistryConfiguration.class, Map.of("inMemoryIndex", false))),
            audit, TestConfiguration.defaults(RegistryConfiguration.class), registryBundle());
    private final TestPluginScope platform = new TestPluginScope();

    @AfterEach
    void stop() {
        sync.deactivate();
    }

    @Test
    void aProviderThatServesTakesTheSourceIdOverFromOneThatDoesNotAndAThirdIsIgnored() throws InterruptedException {
        sync.setScope(platform.enable(NEW_PLUGIN, "KCPD"));
        Counting old = new Counting();
        Counting replacement = new Counting();
        Counting third = new Counting();

        sync.addProvider(old, provider(OLD_PLUGIN, 1, "300"));
        sync.addProvider(replacement, provider(NEW_PLUGIN, 2, "300"));
        sync.removeProvider(old); // its bundle goes later: that must not take the source from its replacement
        sync.addProvider(third, provider(NEW_PLUGIN, 3, "300"));

        assertThat(sync.available()).containsExactly(SOURCE);
        await("the replacement's first sync", replacement::count, 1);
        // A request while the first sync still records its end finds one running and is dropped: ask until one is taken.
        await("the sync asked for", () -> {
            assertThat(sync.requestSync(SOURCE, false)).isTrue();
            return replacement.count();
        }, 2);
        assertThat(old.count()).isZero();
        assertThat(third.count()).isZero();
        assertThat(audit.events).isNotEmpty().allSatisfy(e -> assertThat(e.tenant()).isEqualTo("KCPD"));
    }

    @Test
    void aSourceThatStartsServingItsAgencySyncsWithinSecondsNotAfterItsInterval() throws InterruptedException {
        sync.setScope(platform);
        Counting feed = new Counting();
        sync.addProvider(feed, provider(OLD_PLUGIN, 1, "3600"));

        Thread.sleep(1_500); // its first scheduled sync (after a second) finds it not serving
        assertThat(feed.count()).isZero();
        assertThat(sync.available()).isEmpty();
        assertThat(sync.requestSync(SOURCE, false)).isFalse();

        platform.enable(OLD_PLUGIN, "KCPD"); // the agency enables the plugin
        await("the sync of a source that started serving", feed::count, 1);
        assertThat(sync.available()).containsExactly(SOURCE);
    }

    private static Map<String, Object> provider(long bundle, long serviceId, String interval) {
        return registeredBy(bundle, Map.of(CameraRegistryProvider.SOURCE, SOURCE, CameraRegistryProvider.AGENCY, "KCPD",
                CameraRegistryProvider.INTERVAL, interval, "service.id", serviceId));
    }

    private static void await(String what, IntSupplier count, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count.getAsInt() < atLeast) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** The registry bundle's context, as far as the sync asks it (its own bundle id). */
    private static BundleContext registryBundle() {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (self, method, args) -> switch (method.getName()) {
                    case "getBundleId" -> OWN;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (self, method, args) -> switch (method.getName()) {
                    case "getBundle" -> bundle;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A provider that hands nothing over and counts its syncs. */
    private static final class Counting implements CameraRegistryProvider {
        private final AtomicInteger syncs = new AtomicInteger();

        @Override
        public String sync(SyncRequest request, RegistrySink sink) {
            syncs.incrementAndGet();
            return request.cursor();
        }

        int count() {
            return syncs.get();
        }
    }

    /** The audit log as far as the sync writes it: the events, kept. */
    private static final class RecordedAudit implements AuditLog {
        final List<AuditEvent> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        public AuditEntry append(AuditEvent event) {
            events.add(event);
            return null;
        }

        @Override
        public void appendWithin(Connection c, AuditEvent event) {
            events.add(event);
        }

        @Override
        public AuditVerification verify() {
            throw new UnsupportedOperationException();
        }
    }
}
