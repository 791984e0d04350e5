package org.porchlight.modules.plugins.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtensionSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;
import org.porchlight.api.rest.RestExtensions;
import org.porchlight.api.security.Roles;
import org.porchlight.modules.ModuleView;
import org.porchlight.modules.plugins.AgencyPlugins;
import org.porchlight.modules.plugins.CataloguePlugin;
import org.porchlight.modules.plugins.PluginCatalogue;

import io.swagger.v3.oas.annotations.Operation;

/** The platform admin's plugin catalogue: every plugin agencies may enable, and every agency's own bundle. */
@Component(service = PluginCatalogueResource.class)
@JakartarsResource
@JakartarsExtensionSelect({RestExtensions.JSON, RestExtensions.PROBLEMS})
@Path("admin/plugins")
@RolesAllowed(Roles.PLATFORM_ADMIN)
public class PluginCatalogueResource {

    /**
     * A plugin of the catalogue.
     *
     * @param module          the module as {@code /api/admin/modules} shows it (name, version, publisher, provenance,
     *                        state, services, routes)
     * @param kind            CATALOGUE, or AGENCY_OWNED for an agency's own bundle
     * @param owner           the agency whose own bundle it is, or null
     * @param extensionPoints the SDK interfaces its services implement (RequestPolicy, Page, ...)
     * @param pages           the portal paths of its pages
     * @param factoryPid      the PID agencies' configurations of it have, or null if it has no settings
     * @param settable        what an agency may set
     * @param agencies        the agencies that enabled it
     */
    public record CatalogueEntry(String symbolicName, String name, String version, String publisher, String provenance,
            ModuleView module, String kind, String owner, List<String> extensionPoints, List<String> pages, String factoryPid,
            List<SettingView> settable, List<String> agencies) {
    }

    private final PluginCatalogue catalogue;
    private final AgencyPlugins plugins;

    @Activate
    public PluginCatalogueResource(@Reference PluginCatalogue catalogue, @Reference AgencyPlugins plugins) {
        this.catalogue = catalogue;
        this.plugins = plugins;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The plugin catalogue: what each plugin adds, what agencies may set, and which agencies enabled it")
    public List<CatalogueEntry> list() {
        return catalogue.plugins().stream().map(this::entry).toList();
    }

    private CatalogueEntry entry(CataloguePlugin p) {
        ModuleView m = p.module();
        return new CatalogueEntry(m.symbolicName(), m.name(), m.version(), m.publisher(), m.provenance(), m, p.kind().name(),
                p.owner(), p.extensionPoints(), p.pages(), p.header() == null ? null : p.header().factoryPid(), SettingView.of(p),
                plugins.enablements().agenciesSorted(m.symbolicName()));
    }
}
