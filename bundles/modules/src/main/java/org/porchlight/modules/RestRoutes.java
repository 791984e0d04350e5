package org.porchlight.modules;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.jakartars.runtime.JakartarsServiceRuntime;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.FailedResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;

/**
 * What the Jakarta REST runtime serves, read from its DTOs and the service registry: each resource's
 * paths, which bundle registered it, and each bundle's routes. The {@link SwapGuard} matches requests
 * against these; the admin view lists them.
 */
final class RestRoutes {

    private RestRoutes() {
    }

    /** The routes each bundle serves now, as {@code METHOD /path}, for the admin view. */
    static Map<Long, Set<String>> byBundle(JakartarsServiceRuntime r, BundleContext context) {
        Map<Long, Set<String>> routes = new HashMap<>();
        if (r == null) {
            return routes;
        }
        Map<Long, Long> owners = owners(context);
        forEachResource(r.getRuntimeDTO(), (base, resource) -> {
            Long owner = owners.get(resource.serviceId);
            if (owner != null && resource.resourceMethods != null) {
                for (ResourceMethodInfoDTO method : resource.resourceMethods) {
                    routes.computeIfAbsent(owner, k -> new TreeSet<>())
                            .add((method.method == null ? "*" : method.method) + " " + RouteTemplates.normalise(base, method.path));
                }
            }
        });
        return routes;
    }

    /** Service id of each resource the runtime serves (or failed to serve), with its full paths. */
    static Map<Long, Set<String>> served(RuntimeDTO dto) {
        Map<Long, Set<String>> served = new HashMap<>();
        forEachResource(dto, (base, resource) -> {
            Set<String> paths = served.computeIfAbsent(resource.serviceId, k -> new TreeSet<>());
            if (resource.resourceMethods != null) {
                for (ResourceMethodInfoDTO method : resource.resourceMethods) {
                    String path = RouteTemplates.normalise(base, method.path);
                    paths.add(method.method == null ? path + "/**" : path);
                }
            }
        });
        if (dto.failedResourceDTOs != null) {
            for (FailedResourceDTO failed : dto.failedResourceDTOs) {
                served.putIfAbsent(failed.serviceId, new TreeSet<>());
            }
        }
        return served;
    }

    private static void forEachResource(RuntimeDTO dto, BiConsumer<String, ResourceDTO> action) {
        List<ApplicationDTO> applications = new ArrayList<>();
        if (dto.defaultApplication != null) {
            applications.add(dto.defaultApplication);
        }
        if (dto.applicationDTOs != null) {
            applications.addAll(List.of(dto.applicationDTOs));
        }
        for (ApplicationDTO application : applications) {
            if (application.resourceDTOs != null) {
                for (ResourceDTO resource : application.resourceDTOs) {
                    action.accept(application.base, resource);
                }
            }
        }
    }

    /** Which bundle registered each Jakarta REST resource service. */
    static Map<Long, Long> owners(BundleContext context) {
        Map<Long, Long> owners = new HashMap<>();
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(null, "(osgi.jakartars.resource=true)");
            if (references != null) {
                for (ServiceReference<?> reference : references) {
                    Bundle bundle = reference.getBundle();
                    if (bundle != null) {
                        owners.put((Long) reference.getProperty("service.id"), bundle.getBundleId());
                    }
                }
            }
        } catch (InvalidSyntaxException | IllegalStateException e) {
            // IllegalStateException: this bundle is stopping; the table no longer matters
        }
        return owners;
    }

    static Set<Long> resourcesOf(Bundle bundle) {
        Set<Long> ids = new HashSet<>();
        ServiceReference<?>[] registered;
        try {
            registered = bundle.getRegisteredServices();
        } catch (IllegalStateException e) {
            return ids; // uninstalled
        }
        if (registered != null) {
            for (ServiceReference<?> reference : registered) {
                Object resource = reference.getProperty("osgi.jakartars.resource");
                if (Boolean.TRUE.equals(resource) || "true".equals(resource)) {
                    ids.add((Long) reference.getProperty("service.id"));
                }
            }
        }
        return ids;
    }
}
