package org.porchlight.modules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.framework.BundleException;

/**
 * The framework as the module steps see it: bundles by id, installed, updated, started and
 * uninstalled from files. {@link RunningFramework} is the OSGi one; the steps' unit tests have a
 * fake, so that what is decided (trust, rollback) is tested without a framework.
 */
interface ModuleFramework {

    /** Installs {@code file} as a new bundle at the modules' start level, not started; its id. */
    long install(String location, Path file) throws IOException, BundleException;

    /** Updates the bundle in place to {@code file} (the framework stops and restarts it if it was active). */
    void update(long id, Path file) throws IOException, BundleException;

    void start(long id) throws BundleException;

    void uninstall(long id) throws BundleException;

    /** The bundle's state ({@code Bundle.ACTIVE} and the other constants); {@code Bundle.UNINSTALLED} if it is gone. */
    int state(long id);

    /** Refreshes bundles that still hold an old revision. */
    void refresh();

    /** A component of the bundle whose activation failed, as a reason; null if none did. */
    String componentFailure(long id);

    /** Outside a request, waits until the REST runtime serves the bundle's routes as they now are. */
    void settle(long id, ModuleManager.Source source);

    /** The jar in {@code system/} the core module of that name was installed from. */
    Optional<Path> systemJar(String symbolicName);
}
