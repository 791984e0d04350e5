package org.porchlight.api.plugins;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's decision whether an extension service may act for an agency. Tenant scoping is
 * the platform's, not each plugin's: a service of a bundle the server ships as its core serves
 * every agency (as its own properties say); a service of a plugin from the catalogue serves only
 * the agencies that enabled that plugin (and, if it carries {@link #AGENCY}, only that one); a
 * service of an agency's own bundle serves that agency alone. Anything else serves nobody.
 */
@ProviderType
public interface PluginScope {

    /**
     * Configuration and service property: the one agency a plugin's configuration, and so the
     * service it makes, is for. The platform sets it on every configuration it creates for an
     * agency; an agency never sets it.
     */
    String AGENCY = "porchlight.agency";

    /**
     * Manifest header of a plugin that agencies configure for themselves: the factory PID of its
     * configuration, with optional attributes {@code agency="p1,p2"} (properties the platform sets
     * to the agency's code), {@code id="p"} (a property the platform sets to an id unique on the
     * server, {@code <agency in lower case>-<name>}) and {@code folders="f1,f2"} (properties that
     * name a folder, kept inside the agency's own folder). For example
     * {@code org.porchlight.integration.watchkc;agency="porchlight.registry.agency";id="porchlight.registry.source";folders="folder"}.
     */
    String AGENCY_CONFIGURATION_HEADER = "Porchlight-Agency-Configuration";

    /**
     * Whether the service with these properties (as the framework registered them, with
     * {@code service.bundleid}) may act for the agency now. The REST core and the portal ask it too,
     * with just the bundle id, before a route or page of a bundle answers: the agency is then the
     * one the path names, or the caller's, or {@code null} for none (a platform-wide route, a
     * resident, the public), for which a core bundle and a catalogue plugin serve and an agency's own
     * bundle does not.
     *
     * @param serviceProperties the service's properties
     * @param agency            the agency's code, or {@code null} for no agency in particular
     */
    boolean serves(Map<String, ?> serviceProperties, String agency);
}
