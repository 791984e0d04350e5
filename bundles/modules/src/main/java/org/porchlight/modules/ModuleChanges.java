package org.porchlight.modules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.LongConsumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps that change a running module, carried out through a {@link ModuleFramework}: a new
 * module that does not start is taken out again; an update that does not resolve, does not start
 * or whose component fails puts the running version back, and a successful one keeps the version
 * it replaced as {@code <history>/<name>/previous.jar} for a rollback. A step that fails says why
 * as a {@link ModuleRefusedException}.
 */
final class ModuleChanges {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleChanges.class);

    private final ModuleFramework framework;
    private final Path historyFolder;

    ModuleChanges(ModuleFramework framework, Path historyFolder) {
        this.framework = framework;
        this.historyFolder = historyFolder;
    }

    /** Installs and starts a new module; its id. If it does not start, nothing of it is left installed. */
    long install(String symbolicName, Path file, ModuleManager.Source source, LongConsumer installed)
            throws IOException, ModuleRefusedException {
        long id;
        try {
            id = framework.install("porchlight-module:" + symbolicName, file);
        } catch (BundleException e) {
            throw new ModuleRefusedException("the framework refused the bundle: " + reason(e));
        }
        installed.accept(id); // before it starts: what it is (whose, who vouches) is known before any of its services is
        String failure;
        try {
            framework.start(id);
            framework.settle(id, source);
            failure = framework.componentFailure(id);
        } catch (BundleException e) {
            failure = "it does not start: " + reason(e);
        }
        if (failure != null) {
            try {
                framework.uninstall(id);
                framework.refresh();
            } catch (BundleException e) {
                LOG.warn("Could not remove the failed module {}: {}", symbolicName, e.getMessage());
            }
            throw new ModuleRefusedException(failure);
        }
        return id;
    }

    /**
     * Updates the module {@code id}, version {@code from}, which runs from {@code running}, to {@code file}.
     * The running file is copied first; if the update fails, that copy is put back (and started if the module
     * was active) and the refusal says that {@code from} keeps running; if it succeeds, the copy becomes the
     * module's previous version.
     */
    void swap(long id, String symbolicName, String from, Path running, Path file, ModuleManager.Source source)
            throws IOException, ModuleRefusedException {
        Path folder = Files.createDirectories(historyFolder.resolve(symbolicName));
        Path copy = Files.createTempFile(folder, "running", ".jar");
        Files.copy(running, copy, StandardCopyOption.REPLACE_EXISTING);
        boolean wasActive = running(framework.state(id));
        String failure = updateTo(id, file, source);
        if (failure != null) {
            String restored = updateTo(id, copy, source);
            if (restored == null && wasActive && framework.state(id) != Bundle.ACTIVE) {
                try {
                    framework.start(id);
                } catch (BundleException e) {
                    restored = reason(e);
                }
            }
            deleteQuietly(copy);
            if (restored != null) {
                LOG.error("Module {} could not be restored to {} after a failed update: {}", symbolicName, from, restored);
            }
            throw new ModuleRefusedException(failure + "; version " + from + " keeps running");
        }
        // The version just replaced is the one a rollback returns to.
        Files.move(copy, copy.resolveSibling("previous.jar"), StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    /** Uninstalls the module. */
    void remove(long id, ModuleManager.Source source) throws BundleException {
        framework.uninstall(id);
        framework.settle(id, source);
        framework.refresh();
    }

    /** Updates in place; the failure, or null. */
    private String updateTo(long id, Path file, ModuleManager.Source source) throws IOException {
        boolean wasActive = running(framework.state(id));
        try {
            framework.update(id, file);
        } catch (BundleException e) {
            return "the framework refused the bundle: " + reason(e);
        }
        framework.refresh();
        String failure = null;
        if (wasActive && framework.state(id) != Bundle.ACTIVE) {
            try {
                framework.start(id); // tells why it did not start with the update
                failure = "it does not start";
            } catch (BundleException e) {
                failure = "it does not start: " + reason(e);
            }
        }
        if (failure == null) {
            framework.settle(id, source);
        }
        return failure != null ? failure : wasActive ? framework.componentFailure(id) : null;
    }

    private static boolean running(int state) {
        return (state & (Bundle.ACTIVE | Bundle.STARTING)) != 0;
    }

    static String reason(BundleException e) {
        return firstLine(e.getMessage());
    }

    static String firstLine(String text) {
        return text == null || text.isBlank() ? "unknown" : text.strip().lines().findFirst().orElse(text);
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", file, e.getMessage());
        }
    }
}
