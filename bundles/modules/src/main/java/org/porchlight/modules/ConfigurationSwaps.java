package org.porchlight.modules;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.SynchronousConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
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
    private final SwapGuard guard;
    private final ConfiguredModules modules;

    @Activate
    public ConfigurationSwaps(BundleContext context, @Reference ServiceComponentRuntime scr, @Reference SwapGuard guard) {
        this.context = context;
        this.guard = guard;
        this.modules = new ConfiguredModules(() -> componentPids(scr.getComponentDescriptionDTOs()));
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (event.getType() == ConfigurationEvent.CM_LOCATION_CHANGED) {
            return; // the bundle a configuration is bound to changed, not its values
        }
        for (long id : modules.of(event.getPid(), event.getFactoryPid())) {
            Bundle bundle = context.getBundle(id);
            if (bundle != null && bundle.getState() == Bundle.ACTIVE) {
                guard.holdWhileReconfigured(bundle);
            }
        }
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
