package org.porchlight.modules;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;

/**
 * What the module manager knows of installed modules, for the plugin catalogue and tenant scoping
 * (package {@code plugins}): the inventory's views, whether a bundle is core, and an agency's own
 * bundles. Reads only; it keeps the manager's internals package-private.
 */
@Component(service = InstalledModules.class)
public class InstalledModules {

    private final BundleContext context;
    private final ModuleManager modules;
    private final Path systemFolder;

    @Activate
    public InstalledModules(BundleContext context, @Reference ModuleManager modules) {
        this.context = context;
        this.modules = modules;
        Path home = Path.of(Objects.requireNonNullElse(context.getProperty("porchlight.home"), ".")).toAbsolutePath();
        this.systemFolder = Optional.ofNullable(context.getProperty("porchlight.system")).map(Path::of)
                .orElse(home.resolve("system")).toAbsolutePath().normalize();
    }

    /** Every installed module as the admin API shows it. */
    public List<ModuleView> list() {
        return modules.list();
    }

    /** One installed module as the admin API shows it, if it is still installed. */
    public Optional<ModuleView> view(long id) {
        try {
            return context.getBundle(id) == null ? Optional.empty() : Optional.of(modules.module(id));
        } catch (ProblemException e) {
            return Optional.empty(); // uninstalled meanwhile
        }
    }

    /** The bundle, if it is still installed. */
    public Optional<Bundle> bundle(long id) {
        return Optional.ofNullable(context.getBundle(id));
    }

    /** Whether the server ships the bundle in {@code system/} (the inventory's notion of core). */
    public boolean isCore(Bundle bundle) {
        return bundle.getBundleId() == 0 || RunningFramework.isIn(bundle, systemFolder);
    }

    /** The agency whose own bundle this is (signed by a key trusted for it alone), if it is one. */
    public Optional<String> ownerAgency(long bundleId) {
        return modules.ownerAgency(bundleId);
    }
}
