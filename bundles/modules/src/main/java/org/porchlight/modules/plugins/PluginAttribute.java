package org.porchlight.modules.plugins;

import org.osgi.service.metatype.AttributeDefinition;

/**
 * A setting of a plugin's configuration, from its metatype, and whether the metatype calls it required.
 *
 * @param definition the metatype's attribute
 * @param required   listed among the required attributes
 */
public record PluginAttribute(AttributeDefinition definition, boolean required) {

    public String id() {
        return definition.getID();
    }

    /** Required and without a default: the agency must give it. */
    public boolean mustBeGiven() {
        String[] defaults = definition.getDefaultValue();
        return required && (defaults == null || defaults.length == 0);
    }
}
