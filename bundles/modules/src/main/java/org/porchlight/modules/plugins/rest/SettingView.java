package org.porchlight.modules.plugins.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osgi.service.metatype.AttributeDefinition;
import org.porchlight.modules.plugins.CataloguePlugin;

/**
 * A setting an agency may give a plugin, from the plugin's metatype.
 *
 * @param id          the property name (the key in {@code settings})
 * @param name        its label
 * @param description what it does
 * @param type        string, password, long, integer, short, byte, double, float, char or boolean
 * @param required    whether it must be given (required and without a default)
 * @param multiple    whether it takes a list of values
 * @param defaults    its default values, if any
 * @param options     the values it may take, if it is a choice
 * @param folder      whether it names a folder inside the agency's own folder
 */
public record SettingView(String id, String name, String description, String type, boolean required, boolean multiple,
        List<String> defaults, List<Option> options, boolean folder) {

    /** One value a choice may take, with its label. */
    public record Option(String value, String label) {
    }

    /** The settings an agency may give the plugin (those the platform sets left out). */
    public static List<SettingView> of(CataloguePlugin plugin) {
        if (plugin.header() == null) {
            return List.of();
        }
        Set<String> platform = plugin.header().platformProperties();
        List<SettingView> views = new ArrayList<>();
        plugin.attributes().forEach(attribute -> {
            AttributeDefinition d = attribute.definition();
            if (!platform.contains(d.getID())) {
                List<Option> options = new ArrayList<>();
                String[] values = d.getOptionValues();
                String[] labels = d.getOptionLabels();
                for (int i = 0; values != null && i < values.length; i++) {
                    options.add(new Option(values[i], labels != null && i < labels.length ? labels[i] : values[i]));
                }
                views.add(new SettingView(d.getID(), d.getName(), d.getDescription(), type(d.getType()), attribute.mustBeGiven(),
                        d.getCardinality() != 0, d.getDefaultValue() == null ? List.of() : List.of(d.getDefaultValue()), options,
                        plugin.header().folderProperties().contains(d.getID())));
            }
        });
        return views;
    }

    static String type(int type) {
        return switch (type) {
            case AttributeDefinition.PASSWORD -> "password";
            case AttributeDefinition.LONG -> "long";
            case AttributeDefinition.INTEGER -> "integer";
            case AttributeDefinition.SHORT -> "short";
            case AttributeDefinition.BYTE -> "byte";
            case AttributeDefinition.DOUBLE -> "double";
            case AttributeDefinition.FLOAT -> "float";
            case AttributeDefinition.CHARACTER -> "char";
            case AttributeDefinition.BOOLEAN -> "boolean";
            default -> "string";
        };
    }
}
