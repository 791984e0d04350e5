package org.porchlight.modules;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which modules (bundles) have components that a configuration PID configures. */
final class ConfiguredModules {

    /** The configuration PIDs of each bundle's components that take configuration (policy not {@code ignore}). */
    interface ComponentPids {
        Map<Long, Set<String>> byBundle();
    }

    private final ComponentPids components;

    ConfiguredModules(ComponentPids components) {
        this.components = components;
    }

    /**
     * The bundles whose components use the configuration: by its PID, or for a factory
     * configuration ({@code factoryPid~name} or a generated PID) by its factory PID.
     * A targeted PID ({@code pid|symbolicName|version|location}) counts as its plain PID.
     */
    Set<Long> of(String pid, String factoryPid) {
        String plain = untargeted(pid);
        String factory = factoryPid == null ? null : untargeted(factoryPid);
        Set<Long> bundles = new TreeSet<>();
        components.byBundle().forEach((bundle, pids) -> {
            if (pids.contains(plain) || (factory != null && pids.contains(factory))) {
                bundles.add(bundle);
            }
        });
        return bundles;
    }

    /** A targeted PID ({@code pid|symbolicName|...}) without its target. */
    static String untargeted(String pid) {
        int bar = pid.indexOf('|');
        return bar < 0 ? pid : pid.substring(0, bar);
    }
}
