package org.porchlight.modules;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deploy/}: drop a bundle in to install it, overwrite it to update it, delete it to
 * uninstall it, all through the {@link ModuleManager} (signature checked, swapped without failed
 * requests, audited). FileInstall watches the folder; this component is its installer for
 * {@code *.jar} there. The watch is set up only once this installer is registered and taken
 * down with it, so that FileInstall never installs a file from the folder on its own.
 */
@Component(service = ArtifactInstaller.class)
public class DeployFolder implements ArtifactInstaller {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolder.class);
    /** FileInstall's factory PID; one configuration of it is one watched folder. */
    private static final String WATCHER = "org.apache.felix.fileinstall";

    private final ModuleManager modules;
    private final Path folder;
    private final Configuration watch;

    @Activate
    public DeployFolder(@Reference ModuleManager modules, @Reference ConfigurationAdmin configurations) throws IOException {
        this.modules = modules;
        this.folder = modules.deployFolder().toAbsolutePath().normalize();
        java.nio.file.Files.createDirectories(folder);
        this.watch = configurations.getFactoryConfiguration(WATCHER, "deploy", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("felix.fileinstall.dir", folder.toString());
        settings.put("felix.fileinstall.filter", ".*\\.jar");
        settings.put("felix.fileinstall.poll", "1000");
        settings.put("felix.fileinstall.noInitialDelay", "true");
        settings.put("felix.fileinstall.log.level", "2");
        watch.update(settings);
    }

    @Deactivate
    void deactivate() {
        try {
            watch.delete();
        } catch (IOException | IllegalStateException e) {
            LOG.warn("Could not stop watching {}: {}", folder, e.getMessage());
        }
    }

    @Override
    public boolean canHandle(File artifact) {
        Path file = artifact.toPath().toAbsolutePath().normalize();
        return folder.equals(file.getParent()) && file.getFileName().toString().endsWith(".jar");
    }

    @Override
    public void install(File artifact) {
        modules.deployed(artifact.toPath().toAbsolutePath().normalize());
    }

    @Override
    public void update(File artifact) {
        modules.deployed(artifact.toPath().toAbsolutePath().normalize());
    }

    @Override
    public void uninstall(File artifact) {
        modules.undeployed(artifact.toPath().toAbsolutePath().normalize());
    }
}
