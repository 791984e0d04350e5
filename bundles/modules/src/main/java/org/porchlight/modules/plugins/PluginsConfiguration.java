package org.porchlight.modules.plugins;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.plugins}: how agencies' plugins follow the table, from {@code etc/org.porchlight.plugins.cfg}. */
@ObjectClassDefinition(name = "Porchlight plugins per agency",
        description = "How often each node reads which agencies enabled which plugin, and with what settings")
public @interface PluginsConfiguration {

    String PID = "org.porchlight.plugins";

    @AttributeDefinition(name = "Reload interval",
            description = "Seconds between two reads of the agencies' plugins (changes made on other nodes of a cluster)")
    int reloadSeconds() default 5;
}
