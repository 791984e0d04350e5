package org.porchlight.rest.modules;

import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Roles;

import io.swagger.v3.oas.annotations.Operation;

/** {@code GET /api/modules}: the installed bundles, read-only, for platform administrators. */
@Component(service = ModulesResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("modules")
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class ModulesResource {

    /**
     * @param id           the framework's bundle id
     * @param symbolicName the bundle's symbolic name
     * @param version      its version
     * @param state        INSTALLED, RESOLVED, STARTING, STOPPING, ACTIVE or UNINSTALLED
     */
    public record Module(long id, String symbolicName, String version, String state) {
    }

    private final BundleContext context;

    @Activate
    public ModulesResource(BundleContext context) {
        this.context = context;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The installed bundles with their versions and states")
    public List<Module> modules() {
        return Arrays.stream(context.getBundles())
                .map(b -> new Module(b.getBundleId(), b.getSymbolicName(), b.getVersion().toString(), state(b.getState())))
                .toList();
    }

    private static String state(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
