package org.porchlight.modules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.jar.JarFile;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

/**
 * What each installed module is, as the admin API and the shell show it: where it came from, who
 * signed it, its state, services and routes, the version a rollback returns to, what is wrong with
 * it, and whether the platform runs on it. Reads only; the module manager tells it what it changed.
 */
final class ModuleInventory {

    /**
     * Core bundles the platform itself runs on, including the module API and the portal's shell (stopping it
     * from its own modules page would take that page away): changed only with the distribution.
     */
    static final Set<String> PLATFORM = Set.of("org.porchlight.api", "org.porchlight.store", "org.porchlight.rest",
            "org.porchlight.identity", "org.porchlight.audit", "org.porchlight.modules", "org.porchlight.flyway.gson",
            "org.porchlight.web");

    /** What the manager knows of a module it installed or updated. */
    private record Managed(Provenance provenance, String publisher, String sha256, Instant changedAt) {
    }

    private final Map<Long, Managed> managed = new ConcurrentHashMap<>();
    private final Predicate<Bundle> core;
    private final Function<Bundle, String> componentFailure;
    private final Path historyFolder;
    private final Clock clock;

    /**
     * @param core             whether a bundle was shipped in {@code system/}
     * @param componentFailure a component of the bundle that failed to activate, as a reason; null if none did
     * @param historyFolder    where the version an update replaced is kept, {@code <name>/previous.jar}
     */
    ModuleInventory(Predicate<Bundle> core, Function<Bundle, String> componentFailure, Path historyFolder, Clock clock) {
        this.core = core;
        this.componentFailure = componentFailure;
        this.historyFolder = historyFolder;
        this.clock = clock;
    }

    /** The manager installed or updated the module to this file just now. */
    void changed(long id, TrustDecision.Accepted accepted) {
        managed.put(id, new Managed(accepted.provenance(), accepted.publisher(), accepted.jar().sha256(), clock.instant()));
    }

    /** The manager removed the module. */
    void removed(long id) {
        managed.remove(id);
    }

    /** The agency whose own bundle the module is (signed by a key trusted for that agency alone), if it is one. */
    Optional<String> owner(long id) {
        return Optional.ofNullable(managed.get(id)).filter(m -> m.provenance() == Provenance.AGENCY).map(Managed::publisher);
    }

    /** The SHA-256 of the file the manager last installed or updated the module from, if it did. */
    Optional<String> sha256(long id) {
        return Optional.ofNullable(managed.get(id)).map(Managed::sha256);
    }

    ModuleView view(Bundle bundle, Map<Long, Set<String>> routes) {
        Managed known = managed.get(bundle.getBundleId());
        Provenance provenance = known != null ? known.provenance() : isCore(bundle) ? Provenance.CORE : Provenance.UNMANAGED;
        Set<String> services = new TreeSet<>();
        try {
            ServiceReference<?>[] registered = bundle.getRegisteredServices();
            if (registered != null) {
                for (ServiceReference<?> reference : registered) {
                    services.addAll(Arrays.asList((String[]) reference.getProperty(Constants.OBJECTCLASS)));
                }
            }
        } catch (IllegalStateException e) {
            // uninstalled meanwhile
        }
        String previous = previousFile(bundle.getSymbolicName() == null ? "" : bundle.getSymbolicName())
                .map(ModuleInventory::versionOf).orElse(null);
        return new ModuleView(bundle.getBundleId(), bundle.getSymbolicName(), bundle.getHeaders().get(Constants.BUNDLE_NAME),
                bundle.getVersion().toString(), state(bundle.getState()), provenance.name().toLowerCase(Locale.ROOT),
                known == null ? null : known.publisher(), known == null ? null : known.sha256(), isProtected(bundle),
                List.copyOf(services), List.copyOf(routes.getOrDefault(bundle.getBundleId(), Set.of())), previous,
                problemOf(bundle), known == null ? null : known.changedAt());
    }

    /** The version an update replaced, kept for a rollback. */
    Optional<Path> previousFile(String symbolicName) {
        Path kept = historyFolder.resolve(symbolicName).resolve("previous.jar");
        return Files.isRegularFile(kept) ? Optional.of(kept) : Optional.empty();
    }

    /** Whether the platform runs on the module, so that it changes only with the distribution. */
    boolean isProtected(Bundle bundle) {
        if (bundle.getBundleId() == Constants.SYSTEM_BUNDLE_ID) {
            return true;
        }
        String name = bundle.getSymbolicName();
        return isCore(bundle) && (name == null || !name.startsWith("org.porchlight.") || PLATFORM.contains(name));
    }

    /** Shipped in system/ (its location is there, whatever version it now runs). */
    boolean isCore(Bundle bundle) {
        return core.test(bundle);
    }

    private String problemOf(Bundle bundle) {
        if (bundle.getState() == Bundle.INSTALLED) {
            return "does not resolve (missing packages or capabilities)";
        }
        return bundle.getState() == Bundle.ACTIVE ? componentFailure.apply(bundle) : null;
    }

    static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }

    /** The Bundle-Version in the jar's manifest; null if it has none or cannot be read. */
    static String versionOf(Path jar) {
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            return file.getManifest() == null ? null : file.getManifest().getMainAttributes().getValue(Constants.BUNDLE_VERSION);
        } catch (IOException e) {
            return null;
        }
    }
}
