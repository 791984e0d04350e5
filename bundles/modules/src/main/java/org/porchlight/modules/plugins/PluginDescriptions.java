package org.porchlight.modules.plugins;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;
import org.porchlight.api.ui.Page;

/**
 * What each plugin bundle lets agencies set (its metatype) and the pages it adds, read once per revision and state
 * of the bundle: the admin paths ask for the whole catalogue several times a request, and asking a page for its
 * path gets the service, which can activate a lazy component.
 */
final class PluginDescriptions {

    /** What a metatype read depends on: the bundle's revision and state, and the MetaType service that read it. */
    private record MetatypeKey(long lastModified, int state, MetaTypeService service) {
    }

    /** What a pages read depends on: the bundle's revision and state, and the services it registers now. */
    private record PagesKey(long lastModified, int state, List<Long> services) {
    }

    private record Read<K, V>(K key, V value) {
    }

    private final BundleContext context;
    private final Map<Long, Read<MetatypeKey, List<PluginAttribute>>> attributes = new ConcurrentHashMap<>();
    private final Map<Long, Read<PagesKey, List<String>>> pages = new ConcurrentHashMap<>();

    PluginDescriptions(BundleContext context) {
        this.context = context;
    }

    /**
     * What an agency may set: the metatype of the header's factory PID; empty while the metatype cannot be read
     * (no MetaType service, the bundle updating or stopped), which is asked again next time rather than kept.
     */
    List<PluginAttribute> attributes(Bundle bundle, AgencyConfigurationHeader header, MetaTypeService service) {
        if (service == null) {
            return List.of();
        }
        long id = bundle.getBundleId();
        MetatypeKey key = new MetatypeKey(bundle.getLastModified(), bundle.getState(), service);
        Read<MetatypeKey, List<PluginAttribute>> known = attributes.get(id);
        if (known != null && known.key().equals(key)) {
            return known.value();
        }
        List<PluginAttribute> read = read(bundle, header, service);
        if (read.isEmpty()) {
            attributes.remove(id);
        } else {
            attributes.put(id, new Read<>(key, read));
        }
        return read;
    }

    /** The portal paths of the bundle's pages; read again once it registers other services. */
    List<String> pages(Bundle bundle) {
        try {
            ServiceReference<?>[] registered = bundle.getRegisteredServices();
            List<ServiceReference<?>> services = registered == null ? List.of() : Arrays.asList(registered);
            PagesKey key = new PagesKey(bundle.getLastModified(), bundle.getState(), services.stream()
                    .map(s -> (Long) s.getProperty(Constants.SERVICE_ID)).sorted(Comparator.naturalOrder()).toList());
            Read<PagesKey, List<String>> known = pages.get(bundle.getBundleId());
            if (known != null && known.key().equals(key)) {
                return known.value();
            }
            TreeSet<String> paths = new TreeSet<>();
            boolean complete = true;
            for (ServiceReference<?> reference : services) {
                if (Arrays.asList((String[]) reference.getProperty(Constants.OBJECTCLASS)).contains(Page.class.getName())) {
                    complete &= path(reference, paths);
                }
            }
            List<String> read = List.copyOf(paths);
            if (complete) {
                pages.put(bundle.getBundleId(), new Read<>(key, read));
            }
            return read;
        } catch (IllegalStateException e) {
            return List.of(); // uninstalled meanwhile
        }
    }

    /** Forgets what was read of bundles no longer installed. */
    void retain(Set<Long> installed) {
        attributes.keySet().retainAll(installed);
        pages.keySet().retainAll(installed);
    }

    /** Adds the page's path; false if the page could not be had (its component failed to activate, say). */
    private boolean path(ServiceReference<?> reference, Set<String> paths) {
        Object page = context.getService(reference);
        try {
            if (page instanceof Page p) {
                paths.add(p.info().path());
                return true;
            }
            return false;
        } finally {
            if (page != null) {
                context.ungetService(reference);
            }
        }
    }

    private static List<PluginAttribute> read(Bundle bundle, AgencyConfigurationHeader header, MetaTypeService service) {
        try {
            MetaTypeInformation information = service.getMetaTypeInformation(bundle);
            if (information == null || !List.of(information.getFactoryPids()).contains(header.factoryPid())) {
                return List.of();
            }
            ObjectClassDefinition ocd = information.getObjectClassDefinition(header.factoryPid(), null);
            List<PluginAttribute> attributes = new ArrayList<>();
            add(attributes, ocd.getAttributeDefinitions(ObjectClassDefinition.REQUIRED), true);
            add(attributes, ocd.getAttributeDefinitions(ObjectClassDefinition.OPTIONAL), false);
            return List.copyOf(attributes);
        } catch (IllegalArgumentException | IllegalStateException e) {
            return List.of(); // no metatype for the PID, or the bundle went meanwhile
        }
    }

    private static void add(List<PluginAttribute> to, AttributeDefinition[] definitions, boolean required) {
        if (definitions != null) {
            for (AttributeDefinition definition : definitions) {
                to.add(new PluginAttribute(definition, required));
            }
        }
    }
}
