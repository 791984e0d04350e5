package org.porchlight.modules.plugins.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.modules.plugins.AgencyPluginState;
import org.porchlight.modules.plugins.AgencyPlugins;
import org.porchlight.modules.plugins.CataloguePlugin;

import io.swagger.v3.oas.annotations.Operation;

/**
 * An agency's plugins: the catalogue as the agency sees it, and enabling, configuring and disabling
 * a plugin for the agency. The path names the agency, so the REST core keeps other agencies' staff
 * out (404).
 */
@Component(service = AgencyPluginResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("agencies/{agency}/plugins")
@RolesAllowed({Roles.AGENCY_ADMIN, Roles.PLATFORM_ADMIN})
public class AgencyPluginResource {

    /** The agency's choice: enabled or not, and the settings (left out: the earlier ones stay). */
    public record PluginChoice(@NotNull Boolean enabled, Map<String, Object> settings) {
    }

    /**
     * A plugin as the agency sees it.
     *
     * @param plugin          the plugin's symbolic name (its key)
     * @param owner           the agency whose own bundle it is, or null for a catalogue plugin
     * @param enabled         whether the agency enabled it
     * @param settings        the agency's settings
     * @param factoryPid      the PID of its configuration, or null if it has no settings
     * @param settable        what the agency may set
     * @param version         counts the agency's changes; 0 if it never made one
     */
    public record AgencyPluginView(String plugin, String name, String pluginVersion, String publisher, String provenance,
            String owner, boolean enabled, Map<String, Object> settings, String factoryPid, List<SettingView> settable,
            List<String> extensionPoints, Instant changedAt, long version) {

        static AgencyPluginView of(AgencyPluginState state) {
            CataloguePlugin p = state.plugin();
            return new AgencyPluginView(p.symbolicName(), p.module().name(), p.module().version(), p.module().publisher(),
                    p.module().provenance(), p.owner(), state.enabled(),
                    state.choice() == null ? Map.of() : state.choice().settings(),
                    p.header() == null ? null : p.header().factoryPid(), SettingView.of(p), p.extensionPoints(),
                    state.choice() == null ? null : state.choice().changedAt(),
                    state.choice() == null ? 0 : state.choice().version());
        }
    }

    private final AgencyPlugins plugins;

    @Activate
    public AgencyPluginResource(@Reference AgencyPlugins plugins) {
        this.plugins = plugins;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The plugins the agency may enable, whether it did, its settings and what it may set")
    public List<AgencyPluginView> list(@PathParam("agency") String agency) {
        return plugins.forAgency(agency).stream().map(AgencyPluginView::of).toList();
    }

    @GET
    @Path("{plugin}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One plugin as the agency sees it")
    public AgencyPluginView get(@PathParam("agency") String agency, @PathParam("plugin") String plugin) {
        return AgencyPluginView.of(plugins.forAgency(agency, plugin));
    }

    @PUT
    @Path("{plugin}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Enable or disable the plugin for the agency, with settings checked against its metatype")
    public AgencyPluginView put(@PathParam("agency") String agency, @PathParam("plugin") String plugin,
            @Valid @NotNull PluginChoice choice, @Context SecurityContext security) {
        return AgencyPluginView.of(plugins.change(agency, plugin, choice.enabled(), choice.settings(), actor(security)));
    }

    @DELETE
    @Path("{plugin}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Disable the plugin for the agency and forget its settings; its configuration is removed")
    public AgencyPluginView delete(@PathParam("agency") String agency, @PathParam("plugin") String plugin,
            @Context SecurityContext security) {
        return AgencyPluginView.of(plugins.remove(agency, plugin, actor(security)));
    }

    private static Actor actor(SecurityContext security) {
        return Actor.account(Caller.of(security).orElseThrow().account(), false);
    }
}
