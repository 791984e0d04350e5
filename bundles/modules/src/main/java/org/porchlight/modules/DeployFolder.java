package org.porchlight.modules;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Hashtable;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
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
 * {@code *.jar} there. It registers itself as FileInstall's installer first and only then sets
 * up the watch (FileInstall tracks installers synchronously), and takes the watch down before
 * it goes, so that FileInstall never installs a file from the folder on its own. (As a DS
 * service it would be registered lazily, after the watch had already scanned the folder.)
 */
@Component(immediate = true, service = ConfigurationListener.class)
public class DeployFolder implements ArtifactInstaller, ConfigurationListener {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFolder.class);
    /** FileInstall's factory PID; one configuration of it is one watched folder. */
    private static final String WATCHER = "org.apache.felix.fileinstall";

    private final ModuleManager modules;
    private final ConfigurationAdmin configurations;
    private final Path folder;
    private final Configuration watch;
    private final ServiceRegistration<ArtifactInstaller> installer;

    @Activate
    public DeployFolder(BundleContext context, @Reference ModuleManager modules, @Reference ConfigurationAdmin configurations)
            throws IOException {
        this.modules = modules;
        this.configurations = configurations;
        this.folder = modules.deployFolder().toAbsolutePath().normalize();
        java.nio.file.Files.createDirectories(folder);
        this.installer = context.registerService(ArtifactInstaller.class, this, null);
        this.watch = configurations.getFactoryConfiguration(WATCHER, "deploy", "?");
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("felix.fileinstall.dir", folder.toString());
        settings.put("felix.fileinstall.filter", ".*\\.jar");
        settings.put("felix.fileinstall.poll", "1000");
        settings.put("felix.fileinstall.noInitialDelay", "true");
        settings.put("felix.fileinstall.log.level", "2");
        watch.update(settings);
        removeOtherWatches();
    }

    /**
     * Any other FileInstall watch (a {@code .cfg} dropped into etc/, a configuration made in the
     * console) would install bundles by itself, without the signature check: it is removed.
     */
    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_UPDATED && WATCHER.equals(event.getFactoryPid())
                && !event.getPid().equals(watch.getPid())) {
            removeOtherWatches();
        }
    }

    private void removeOtherWatches() {
        Configuration[] watches;
        try {
            watches = configurations.listConfigurations("(service.factoryPid=" + WATCHER + ")");
        } catch (IOException | InvalidSyntaxException e) {
            LOG.error("Could not check for other FileInstall watches", e);
            return;
        }
        for (Configuration other : watches == null ? new Configuration[0] : watches) {
            try {
                String pid = other.getPid();
                if (!pid.equals(watch.getPid())) {
                    Object dir = other.getProperties() == null ? null : other.getProperties().get("felix.fileinstall.dir");
                    other.delete();
                    LOG.warn("Removed a FileInstall watch of {} ({}): it would install bundles without the signature check; "
                            + "modules go through deploy/ or /api/admin/modules", dir, pid);
                }
            } catch (IllegalStateException e) {
                // deleted meanwhile (by an earlier event)
            } catch (IOException e) {
                LOG.error("Could not remove the FileInstall watch {}", other, e);
            }
        }
    }

    @Deactivate
    void deactivate() {
        try {
            watch.delete();
        } catch (IOException | IllegalStateException e) {
            LOG.warn("Could not stop watching {}: {}", folder, e.getMessage());
        }
        installer.unregister();
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
