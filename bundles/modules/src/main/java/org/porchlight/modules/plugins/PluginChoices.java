package org.porchlight.modules.plugins;

import java.util.List;
import java.util.Map;

import org.porchlight.api.audit.AuditEvent.Actor;

/** An agency's plugins and its choices about them, as the portal page uses them (implemented by {@link AgencyPlugins}). */
public interface PluginChoices {

    /** The plugins the agency may enable, with its choices. */
    List<AgencyPluginState> forAgency(String agency);

    /** One plugin as the agency sees it; a 404 problem if the agency may not see it. */
    AgencyPluginState forAgency(String agency, String plugin);

    /** Enables or disables the plugin with these settings (null: keep the earlier ones); a 400 problem names bad fields. */
    AgencyPluginState change(String agency, String plugin, boolean enabled, Map<String, ?> settings, Actor actor);
}
