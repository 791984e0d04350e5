package org.porchlight.modules;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.SynchronousConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Makes a configuration change, from an {@code etc/*.cfg} file or through ConfigurationAdmin,
 * fail no request. It is told of the change in the thread that makes it, before SCR applies it
 * (SCR listens asynchronously), and asks the {@link SwapGuard} to treat each module whose
 * components use the PID as a module that begins to swap: its new requests are held and its
 * requests in flight finish before this returns; the held ones go on once its routes are
 * served again. A module that serves no routes has nothing to hold.
 */
@Component(service = SynchronousConfigurationListener.class)
public class ConfigurationSwaps implements SynchronousConfigurationListener {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final SwapGuard guard;
    private final ConfiguredModules modules;

    @Activate
    public ConfigurationSwaps(BundleContext context, @Reference ServiceComponentRuntime scr, @Reference SwapGuard guard) {
        this.context = context;
        this.scr = scr;
        this.guard = guard;
        this.modules = new ConfiguredModules(() -> componentPids(scr.getComponentDescriptionDTOs()));
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_LOCATION_CHANGED) {
            return; // the bundle a configuration is bound to changed, not its values
        }
        Map<String, Object> wanted = null;
        for (long id : modules.of(event.getPid(), event.getFactoryPid())) {
            Bundle bundle = context.getBundle(id);
            if (bundle != null && bundle.getState() == Bundle.ACTIVE) {
                if (wanted == null && event.getType() == ConfigurationEvent.CM_UPDATED) {
                    wanted = properties(event);
                }
                Map<String, Object> properties = wanted;
                String pid = ConfiguredModules.untargeted(event.getPid());
                String factoryPid = event.getFactoryPid() == null ? null : ConfiguredModules.untargeted(event.getFactoryPid());
                guard.holdWhileReconfigured(bundle,
                        () -> AppliedConfiguration.applied(pid, properties, componentProperties(bundle, pid, factoryPid)));
            }
        }
    }

    /** The configuration's properties as stored now; null if it cannot be read (then only the quiet time counts). */
    private Map<String, Object> properties(ConfigurationEvent event) {
        ServiceReference<ConfigurationAdmin> reference = event.getReference();
        ConfigurationAdmin admin = reference == null ? null : context.getService(reference);
        if (admin == null) {
            return null;
        }
        try {
            String filter = "(" + Constants.SERVICE_PID + "=" + event.getPid().replaceAll("([\\\\()*])", "\\\\$1") + ")";
            Configuration[] found = admin.listConfigurations(filter);
            Dictionary<String, Object> properties = found == null || found.length == 0 ? null : found[0].getProperties();
            if (properties == null) {
                return null;
            }
            Map<String, Object> copy = new HashMap<>();
            for (Enumeration<String> keys = properties.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                copy.put(key, properties.get(key));
            }
            return copy;
        } catch (IOException | InvalidSyntaxException | IllegalStateException e) {
            return null;
        } finally {
            context.ungetService(reference);
        }
    }

    /** The properties of each component configuration, in the bundle, of the components that use the PID. */
    private List<Map<String, Object>> componentProperties(Bundle bundle, String pid, String factoryPid) {
        List<Map<String, Object>> properties = new ArrayList<>();
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            List<String> pids = description.configurationPid == null ? List.of() : List.of(description.configurationPid);
            if (pids.contains(pid) || (factoryPid != null && pids.contains(factoryPid))) {
                for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                    if (configuration.properties != null) {
                        properties.add(configuration.properties);
                    }
                }
            }
        }
        return properties;
    }

    static Map<Long, Set<String>> componentPids(Collection<ComponentDescriptionDTO> descriptions) {
        Map<Long, Set<String>> pids = new HashMap<>();
        for (ComponentDescriptionDTO description : descriptions) {
            if (!"ignore".equals(description.configurationPolicy) && description.configurationPid != null) {
                pids.computeIfAbsent(description.bundle.id, k -> new HashSet<>()).addAll(List.of(description.configurationPid));
            }
        }
        return pids;
    }
}
