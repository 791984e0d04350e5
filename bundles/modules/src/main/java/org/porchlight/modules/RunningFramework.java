package org.porchlight.modules;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/** The module framework calls on the running OSGi framework, with Declarative Services and the swap guard. */
final class RunningFramework implements ModuleFramework {

    /** Start level of modules installed at runtime (etc/config.properties: felix.startlevel.bundle). */
    private static final int MODULE_START_LEVEL = 15;
    private static final long SETTLE_MILLIS = 15_000;

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final SwapGuard swaps;
    private final Path systemFolder;

    RunningFramework(BundleContext context, ServiceComponentRuntime scr, SwapGuard swaps, Path systemFolder) {
        this.context = context;
        this.scr = scr;
        this.swaps = swaps;
        this.systemFolder = systemFolder;
    }

    @Override
    public long install(String location, Path file) throws IOException, BundleException {
        try (InputStream in = Files.newInputStream(file)) {
            Bundle bundle = context.installBundle(location, in);
            bundle.adapt(BundleStartLevel.class).setStartLevel(MODULE_START_LEVEL);
            return bundle.getBundleId();
        }
    }

    @Override
    public void update(long id, Path file) throws IOException, BundleException {
        try (InputStream in = Files.newInputStream(file)) {
            bundle(id).update(in);
        }
    }

    @Override
    public void start(long id) throws BundleException {
        bundle(id).start();
    }

    @Override
    public void uninstall(long id) throws BundleException {
        bundle(id).uninstall();
    }

    @Override
    public int state(long id) {
        Bundle bundle = context.getBundle(id);
        return bundle == null ? Bundle.UNINSTALLED : bundle.getState();
    }

    @Override
    public void refresh() {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_ID).adapt(FrameworkWiring.class);
        if (wiring.getRemovalPendingBundles().isEmpty()) {
            return; // only bundles that export packages leave an old revision behind
        }
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(null, event -> done.countDown());
        try {
            done.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String componentFailure(long id) {
        Bundle bundle = context.getBundle(id);
        return bundle == null ? null : componentFailure(bundle);
    }

    String componentFailure(Bundle bundle) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    return "its component " + description.name + " failed to activate: "
                            + ModuleChanges.firstLine(configuration.failure);
                }
            }
        }
        return null;
    }

    /**
     * Within a request this must not wait: the runtime reloads only once every request in flight,
     * this one included, has finished; the routes follow within moments.
     */
    @Override
    public void settle(long id, ModuleManager.Source source) {
        if (source == ModuleManager.Source.API) {
            return;
        }
        Bundle bundle = context.getBundle(id);
        if (swaps.awaitSwap(id, SETTLE_MILLIS).isEmpty() && bundle != null && bundle.getState() == Bundle.ACTIVE) {
            swaps.awaitServed(bundle, SETTLE_MILLIS);
        }
    }

    @Override
    public Optional<Path> systemJar(String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName()) && isCore(bundle)) {
                String location = bundle.getLocation();
                return Optional.of(Path.of(URI.create(location.substring(location.indexOf("file:")))));
            }
        }
        return Optional.empty();
    }

    /** Shipped in system/ (its location is there, whatever version it now runs). */
    boolean isCore(Bundle bundle) {
        return isIn(bundle, systemFolder);
    }

    /** Whether the bundle's location is a file inside the folder. */
    static boolean isIn(Bundle bundle, Path systemFolder) {
        String location = bundle.getLocation();
        if (location == null || !location.contains("file:")) {
            return false;
        }
        try {
            Path path = Path.of(URI.create(location.substring(location.indexOf("file:")))).toAbsolutePath().normalize();
            return path.startsWith(systemFolder);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Bundle bundle(long id) throws BundleException {
        Bundle bundle = context.getBundle(id);
        if (bundle == null) {
            throw new BundleException("the bundle " + id + " is no longer installed", BundleException.INVALID_OPERATION);
        }
        return bundle;
    }
}
